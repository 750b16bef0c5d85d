/* tm-portfolio.c
 * A unit's task portfolio, kept in one SQLite file; every edit is committed
 * when it is made and can be undone.
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
#include "model/tm-workshop-private.h"
#include "model/tm-task-private.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

G_DEFINE_QUARK (tm-store-error-quark, tm_store_error)

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

typedef enum {
  CHANGE_TASK,
  CHANGE_PROFESSION,
  CHANGE_UNIT,
  CHANGE_SCENARIO,
  CHANGE_WORKSHOP,
  CHANGE_HISTORY,
  CHANGE_STAFFING,
} ChangeKind;

typedef struct {
  char *id;
  char *name;
  int   index;   /* place in the list when it was taken; -1 appends */
} ScenarioState;

typedef struct {
  char     *id;
  char     *name;
  char     *name_en;
  gboolean  authorised;
  gboolean  unskilled;
  gboolean  hidden;
  gboolean  builtin;
} ProfessionState;

typedef struct {
  char      *unit_name;
  char      *organisation;
  TmSetting  setting;
  char      *notes;
  char      *last_meeting;   /* "YYYY-MM-DD" or "" */
  char      *language;       /* "da", "nb" or "en" */
} UnitState;

struct _TmChange
{
  ChangeKind kind;
  char *id;               /* task uuid or profession id */
  union {
    struct {
      TmTaskData *before;
      TmTaskData *after;
      double      before_position;
      double      after_position;
    } task;
    struct {
      ProfessionState *before;
      ProfessionState *after;
    } profession;
    struct {
      UnitState *before;
      UnitState *after;
    } unit;
    struct {
      ScenarioState *before;
      ScenarioState *after;
    } scenario;
    struct {
      TmWorkshopData *before;
      TmWorkshopData *after;
      gint64          position;
    } workshop;
    struct {
      GPtrArray *entries;    /* of TmHistoryEntry */
      GArray    *ids;        /* of gint64: the rows the last forward write inserted */
    } history;
    struct {
      TmStaffing *before;    /* NULL: the unit had no staffing */
      TmStaffing *after;
    } staffing;
  };
};

typedef struct {
  char      *label;
  GPtrArray *changes;     /* of TmChange */
  char      *merge_key;
  GPtrArray *history;     /* of TmHistoryEntry: what this step recorded, NULL for none */
  GArray    *history_ids; /* of gint64: their rows while the step stands */
} UndoEntry;

typedef enum {
  HISTORY_NONE,      /* record nothing (imports bring their own history) */
  HISTORY_RECORD,    /* record the changes of a new step */
  HISTORY_REMOVE,    /* undo: remove what the step recorded */
  HISTORY_RESTORE,   /* redo: put it back */
} HistoryOp;

struct _TmPortfolio
{
  GObject parent_instance;

  /* Owned */
  sqlite3     *db;
  GFile       *file;
  char        *display_name;
  char        *unit_name;
  char        *organisation;
  char        *notes;
  GListStore  *professions;
  GHashTable  *professions_by_id;   /* id → TmProfession (borrowed from the store) */
  GListStore  *tasks;
  GHashTable  *tasks_by_uuid;       /* uuid → TmTask (borrowed from the store) */
  GListStore  *scenarios;
  GHashTable  *scenarios_by_id;     /* id → TmScenario (borrowed from the store) */
  GQueue       undo;                /* of UndoEntry, newest first */
  GQueue       redo;
  char        *undo_label;
  char        *redo_label;

  char        *file_key;            /* device:inode while open, see register_open_file() */
  TmCountry    country;
  TmSetting    setting;
  guint64      edit_count;
  gboolean     merge_open;
  char        *user_name;
  GHashTable  *statements;          /* SQL text → sqlite3_stmt, the write path's, kept prepared */
  char        *last_meeting;
  GListStore  *workshops;
  GHashTable  *workshops_by_id;     /* id → TmWorkshop (borrowed from the store) */
  gint64       workshop_position;   /* the largest position given so far */
  GHashTable  *staffing;            /* unit ("" own) → TmStaffing, only units with some */
  char        *language;            /* "da", "nb" or "en" */
  gboolean     read_only;           /* opened for reading only (tm_portfolio_is_read_only()) */
};

G_DEFINE_FINAL_TYPE (TmPortfolio, tm_portfolio, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COUNTRY,
  PROP_UNIT_NAME,
  PROP_ORGANISATION,
  PROP_SETTING,
  PROP_NOTES,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_LAST_MEETING,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  TASK_CHANGED,
  STAFFING_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Errors */

static void
set_sqlite_error (TmPortfolio  *self,
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

static gboolean
exec_sql (TmPortfolio  *self,
          const char   *sql,
          GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (TmPortfolio  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc);
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement of the write path, prepared once while the portfolio is open:
 * an import of many tasks would otherwise compile the same SQL for each.
 * Borrowed: reset and with its bindings cleared, never to be finalized. */
static sqlite3_stmt *
prepare_cached (TmPortfolio  *self,
                const char   *sql,
                GError      **error)
{
  sqlite3_stmt *stmt;

  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) sqlite3_finalize);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
step_done (TmPortfolio   *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Pragmas that return one value */
static gboolean
query_int (TmPortfolio  *self,
           const char   *sql,
           gint64       *value,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* States */

static void
profession_state_free (ProfessionState *state)
{
  if (state == NULL)
    return;
  g_free (state->id);
  g_free (state->name);
  g_free (state->name_en);
  g_free (state);
}

static ProfessionState *
profession_state_from (TmProfession *profession)
{
  ProfessionState *state = g_new0 (ProfessionState, 1);

  state->id = g_strdup (tm_profession_get_id (profession));
  state->name = g_strdup (tm_profession_get_name (profession));
  state->name_en = g_strdup (tm_profession_get_name_en (profession));
  state->authorised = tm_profession_get_authorised (profession);
  state->unskilled = tm_profession_get_unskilled (profession);
  state->hidden = tm_profession_get_hidden (profession);
  state->builtin = tm_profession_get_builtin (profession);
  return state;
}

static void
scenario_state_free (ScenarioState *state)
{
  if (state == NULL)
    return;
  g_free (state->id);
  g_free (state->name);
  g_free (state);
}

static ScenarioState *
scenario_state_new (const char *id,
                    const char *name)
{
  ScenarioState *state = g_new0 (ScenarioState, 1);

  state->id = g_strdup (id);
  state->name = g_strdup (name ? name : "");
  state->index = -1;
  return state;
}

static void
unit_state_free (UnitState *state)
{
  if (state == NULL)
    return;
  g_free (state->unit_name);
  g_free (state->organisation);
  g_free (state->notes);
  g_free (state->last_meeting);
  g_free (state->language);
  g_free (state);
}

static UnitState *
unit_state_new (const char *unit_name,
                const char *organisation,
                TmSetting   setting,
                const char *notes)
{
  UnitState *state = g_new0 (UnitState, 1);

  state->unit_name = g_strdup (unit_name ? unit_name : "");
  state->organisation = g_strdup (organisation ? organisation : "");
  state->setting = setting;
  state->notes = g_strdup (notes ? notes : "");
  state->last_meeting = g_strdup ("");
  state->language = g_strdup ("");
  return state;
}

/* Seconds since 1970 UTC, for TmTaskData.modified. SOURCE_DATE_EPOCH, when
 * set, stands in for the clock, so tests and reproducible builds of the
 * examples can fix it. */
gint64
_tm_now (void)
{
  const char *fixed = g_getenv ("SOURCE_DATE_EPOCH");

  if (fixed != NULL && *fixed != '\0')
    {
      gint64 value = g_ascii_strtoll (fixed, NULL, 10);

      if (value > 0)
        return value;
    }
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A change whose new state is an edit made now. */
static TmChange *
change_task_edited_new (const char       *uuid,
                        const TmTaskData *before,
                        double            before_position,
                        const TmTaskData *after,
                        double            after_position)
{
  TmChange *change = _tm_change_task_new (uuid, before, before_position, after, after_position);

  change->task.after->modified = _tm_now ();
  return change;
}

TmChange *
_tm_change_task_new (const char       *uuid,
                     const TmTaskData *before,
                     double            before_position,
                     const TmTaskData *after,
                     double            after_position)
{
  TmChange *change = g_new0 (TmChange, 1);

  change->kind = CHANGE_TASK;
  change->id = g_strdup (uuid);
  change->task.before = before ? tm_task_data_copy (before) : NULL;
  change->task.after = after ? tm_task_data_copy (after) : NULL;
  change->task.before_position = before_position;
  change->task.after_position = after_position;
  if (change->task.before)
    g_free (g_steal_pointer (&change->task.before->uuid));
  if (change->task.after)
    g_free (g_steal_pointer (&change->task.after->uuid));
  return change;
}

TmChange *
_tm_change_profession_new (TmPortfolio *portfolio,
                           const char  *id,
                           const char  *name,
                           const char  *name_en,
                           gboolean     authorised,
                           gboolean     unskilled,
                           gboolean     hidden)
{
  TmChange *change = g_new0 (TmChange, 1);
  TmProfession *existing = g_hash_table_lookup (portfolio->professions_by_id, id);
  ProfessionState *after = g_new0 (ProfessionState, 1);

  after->id = g_strdup (id);
  after->name = g_strdup (name ? name : "");
  after->name_en = g_strdup (name_en ? name_en : "");
  after->authorised = !!authorised;
  after->unskilled = !!unskilled;
  after->hidden = !!hidden;
  after->builtin = existing ? tm_profession_get_builtin (existing) : FALSE;

  change->kind = CHANGE_PROFESSION;
  change->id = g_strdup (id);
  change->profession.before = existing ? profession_state_from (existing) : NULL;
  change->profession.after = after;
  return change;
}

TmChange *
_tm_change_unit_new (TmPortfolio *portfolio,
                     const char  *unit_name,
                     const char  *organisation,
                     TmSetting    setting,
                     const char  *notes)
{
  TmChange *change = g_new0 (TmChange, 1);

  change->kind = CHANGE_UNIT;
  change->unit.before = unit_state_new (portfolio->unit_name, portfolio->organisation,
                                        portfolio->setting, portfolio->notes);
  change->unit.after = unit_state_new (unit_name, organisation, setting, notes);
  g_free (change->unit.before->last_meeting);
  change->unit.before->last_meeting = g_strdup (portfolio->last_meeting ? portfolio->last_meeting : "");
  g_free (change->unit.after->last_meeting);
  change->unit.after->last_meeting = g_strdup (portfolio->last_meeting ? portfolio->last_meeting : "");
  g_free (change->unit.before->language);
  change->unit.before->language = g_strdup (portfolio->language);
  g_free (change->unit.after->language);
  change->unit.after->language = g_strdup (portfolio->language);
  return change;
}

TmChange *
_tm_change_staffing_new (TmPortfolio      *portfolio,
                         const TmStaffing *after)
{
  TmChange *change = g_new0 (TmChange, 1);
  const TmStaffing *before = g_hash_table_lookup (portfolio->staffing, after->unit);

  change->kind = CHANGE_STAFFING;
  change->id = g_strdup (after->unit);
  change->staffing.before = before ? tm_staffing_copy (before) : NULL;
  change->staffing.after = tm_staffing_is_empty (after) ? NULL : tm_staffing_copy (after);
  return change;
}

void
_tm_change_unit_set_language (TmChange   *change,
                              const char *language)
{
  g_return_if_fail (change != NULL && change->kind == CHANGE_UNIT);

  g_free (change->unit.after->language);
  change->unit.after->language = g_strdup (language);
}

/* @name NULL for @after deletes the scenario; a scenario not yet in the portfolio is added. */
static TmChange *
change_scenario_new (TmPortfolio *portfolio,
                     const char  *id,
                     const char  *name,
                     gboolean     delete)
{
  TmChange *change = g_new0 (TmChange, 1);
  TmScenario *existing = g_hash_table_lookup (portfolio->scenarios_by_id, id);

  change->kind = CHANGE_SCENARIO;
  change->id = g_strdup (id);
  change->scenario.before = existing ? scenario_state_new (id, tm_scenario_get_name (existing)) : NULL;
  change->scenario.after = delete ? NULL : scenario_state_new (id, name);
  if (existing != NULL)
    {
      guint index;

      if (g_list_store_find (portfolio->scenarios, existing, &index))
        {
          change->scenario.before->index = index;
          if (change->scenario.after != NULL)
            change->scenario.after->index = index;
        }
    }
  return change;
}

TmChange *
_tm_change_scenario_new (TmPortfolio *portfolio,
                         const char  *id,
                         const char  *name)
{
  return change_scenario_new (portfolio, id, name, FALSE);
}

TmChange *
_tm_change_scenario_delete_new (TmPortfolio *portfolio,
                                const char  *id)
{
  return change_scenario_new (portfolio, id, NULL, TRUE);
}

void
_tm_change_free (TmChange *change)
{
  if (change == NULL)
    return;

  switch (change->kind)
    {
    case CHANGE_TASK:
      tm_task_data_free (change->task.before);
      tm_task_data_free (change->task.after);
      break;
    case CHANGE_PROFESSION:
      profession_state_free (change->profession.before);
      profession_state_free (change->profession.after);
      break;
    case CHANGE_UNIT:
      unit_state_free (change->unit.before);
      unit_state_free (change->unit.after);
      break;
    case CHANGE_SCENARIO:
      scenario_state_free (change->scenario.before);
      scenario_state_free (change->scenario.after);
      break;
    case CHANGE_WORKSHOP:
      tm_workshop_data_free (change->workshop.before);
      tm_workshop_data_free (change->workshop.after);
      break;
    case CHANGE_HISTORY:
      g_clear_pointer (&change->history.entries, g_ptr_array_unref);
      g_clear_pointer (&change->history.ids, g_array_unref);
      break;
    case CHANGE_STAFFING:
      tm_staffing_free (change->staffing.before);
      tm_staffing_free (change->staffing.after);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (change->id);
  g_free (change);
}

static void
undo_entry_free (UndoEntry *entry)
{
  g_free (entry->label);
  g_clear_pointer (&entry->history, g_ptr_array_unref);
  g_clear_pointer (&entry->history_ids, g_array_unref);
  g_free (entry->merge_key);
  g_ptr_array_unref (entry->changes);
  g_free (entry);
}

/* Display helpers */

static void
update_performed_by (TmPortfolio *self,
                     TmTask      *task)
{
  const TmTaskData *data = tm_task_peek_data (task);
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      TmProfession *profession = g_hash_table_lookup (self->professions_by_id, p->profession_id);

      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, profession ? tm_profession_get_display_name (profession) : p->profession_id);
    }

  _tm_task_set_performed_by (task, str->str);
}

/* Position of @task in the tasks store, by binary search on positions. */
static gboolean
find_task_index (TmPortfolio *self,
                 TmTask      *task,
                 guint       *index)
{
  double position = _tm_task_get_position (task);
  guint lo = 0, hi = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(TmTask) item = g_list_model_get_item (G_LIST_MODEL (self->tasks), mid);

      if (_tm_task_get_position (item) < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; i < g_list_model_get_n_items (G_LIST_MODEL (self->tasks)); i++)
    {
      g_autoptr(TmTask) item = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);

      if (item == task)
        {
          *index = i;
          return TRUE;
        }
      if (_tm_task_get_position (item) > position)
        break;
    }

  return g_list_store_find (self->tasks, task, index);
}

/* Index at which a task with @position belongs. */
static guint
insertion_index (TmPortfolio *self,
                 double       position)
{
  guint lo = 0, hi = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(TmTask) item = g_list_model_get_item (G_LIST_MODEL (self->tasks), mid);

      if (_tm_task_get_position (item) <= position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

double
_tm_portfolio_get_last_position (TmPortfolio *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  g_autoptr(TmTask) last = NULL;

  if (n == 0)
    return 0;
  last = g_list_model_get_item (G_LIST_MODEL (self->tasks), n - 1);
  return _tm_task_get_position (last);
}

/* SQL for one state */

/* Whether a row exists, as the running transaction sees it: a profession or
 * scenario added earlier in the same transaction counts. */
static gboolean
row_exists (TmPortfolio *self,
            const char  *sql,
            const char  *id)
{
  sqlite3_stmt *stmt = prepare_cached (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
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
      if (!step_done (self, del, error))
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
      if (!step_done (self, ins, error))
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
      if (!step_done (self, del_a, error))
        return FALSE;

      del_m = prepare_cached (self, "DELETE FROM moves WHERE task_uuid = ?1", error);
      if (del_m == NULL)
        return FALSE;
      sqlite3_bind_text (del_m, 1, uuid, -1, SQLITE_STATIC);
      if (!step_done (self, del_m, error))
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
      if (!step_done (self, ins_a, error))
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
      if (!step_done (self, ins_m, error))
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
  if (!step_done (self, stmt, error))
    return FALSE;

  /* A new row has no performers yet (they go with their task). */
  if (!insert)
    {
      del = prepare_cached (self, "DELETE FROM performers WHERE task_uuid = ?1", error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_text (del, 1, uuid, -1, SQLITE_STATIC);
      if (!step_done (self, del, error))
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
      if (!step_done (self, ins, error))
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
  return step_done (self, stmt, error);
}

static gboolean
write_profession (TmPortfolio            *self,
                  const ProfessionState  *state,
                  GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
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
  return step_done (self, stmt, error);
}

static gboolean
delete_profession_row (TmPortfolio  *self,
                       const char   *id,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "DELETE FROM professions WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static gboolean
write_meta (TmPortfolio  *self,
            const char   *key,
            const char   *value,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value ? value : "", -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static gboolean
write_unit (TmPortfolio      *self,
            const UnitState  *state,
            GError          **error)
{
  return write_meta (self, "unit.name", state->unit_name, error) &&
         write_meta (self, "unit.organisation", state->organisation, error) &&
         write_meta (self, "unit.setting", tm_setting_to_id (state->setting), error) &&
         write_meta (self, "unit.notes", state->notes, error) &&
         write_meta (self, "committee.last-meeting", state->last_meeting, error) &&
         write_meta (self, "portfolio.language", state->language, error);
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
  if (!step_done (self, stmt, error))
    return FALSE;

  stmt = prepare_cached (self, "DELETE FROM staffing_units WHERE unit = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
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
  if (!step_done (self, stmt, error))
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
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks @state with the professions' names in the messages; with
 * @check_professions, that they are the portfolio's (a change written in the
 * transaction that adds them leaves that to the foreign key). */
static gboolean
validate_staffing (TmPortfolio       *self,
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
validate_profession (const ProfessionState  *state,
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
      stmt = prepare (self, "DELETE FROM scenarios WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      return step_done (self, stmt, error);
    }

  if (!_tm_text_check (state->name, N_("scenario's name"), error))
    return FALSE;

  if (*state->name == '\0')
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A scenario needs a name."));
      return FALSE;
    }

  stmt = prepare (self,
                  "INSERT INTO scenarios (id, position, name) VALUES (?1, ?3, ?2)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state->name, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, scenario_position_for_index (self, state->index));
  return step_done (self, stmt, error);
}

/* Writes the @forward (after) or backward (before) state of @change. */
static void set_damaged (TmPortfolio *self, GError **error, const char *detail);

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
      stmt = prepare (self, "DELETE FROM workshops WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      return step_done (self, stmt, error);
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
  stmt = prepare (self, "INSERT OR REPLACE INTO workshops (id, position, data) VALUES (?1, ?2, ?3)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static int
compare_workshops (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  TmWorkshop *x = (TmWorkshop *) a;
  TmWorkshop *y = (TmWorkshop *) b;
  int c = g_strcmp0 (tm_workshop_get_date (x), tm_workshop_get_date (y));
  gint64 px = _tm_workshop_get_position (x);
  gint64 py = _tm_workshop_get_position (y);

  if (c != 0)
    return c;
  return px < py ? -1 : px > py;
}

static void
place_workshop (TmPortfolio *self,
                TmWorkshop  *workshop)
{
  guint index;

  if (g_list_store_find (self->workshops, workshop, &index))
    {
      g_object_ref (workshop);
      g_list_store_remove (self->workshops, index);
      g_list_store_insert_sorted (self->workshops, workshop, compare_workshops, NULL);
      g_object_unref (workshop);
    }
  else
    g_list_store_insert_sorted (self->workshops, workshop, compare_workshops, NULL);
}

static void
apply_workshop_to_memory (TmPortfolio          *self,
                          const char           *id,
                          const TmWorkshopData *target,
                          gint64                position)
{
  TmWorkshop *workshop = g_hash_table_lookup (self->workshops_by_id, id);
  guint index;

  if (target == NULL)
    {
      if (workshop != NULL && g_list_store_find (self->workshops, workshop, &index))
        {
          g_hash_table_remove (self->workshops_by_id, id);
          g_list_store_remove (self->workshops, index);
        }
      return;
    }

  if (workshop != NULL)
    {
      _tm_workshop_set_data (workshop, target);
      place_workshop (self, workshop);
      return;
    }

  {
    g_autoptr(TmWorkshopData) copy = tm_workshop_data_copy (target);
    g_autoptr(TmWorkshop) created = NULL;

    g_free (copy->id);
    copy->id = g_strdup (id);
    created = _tm_workshop_new (copy);
    _tm_workshop_set_position (created, position);
    self->workshop_position = MAX (self->workshop_position, position);
    g_hash_table_insert (self->workshops_by_id, g_strdup (id), created);
    place_workshop (self, created);
  }
}

static gboolean
load_workshops (TmPortfolio  *self,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT id, position, data FROM workshops ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(TmWorkshopData) data = workshop_deserialize (id, (const char *) sqlite3_column_text (stmt, 2));
      g_autoptr(GError) local_error = NULL;

      if (id == NULL || data == NULL || !tm_workshop_data_validate (data, &local_error))
        {
          set_damaged (self, error, _("a workshop holds a value this version of Taskmap does not know."));
          return FALSE;
        }
      apply_workshop_to_memory (self, id, data, sqlite3_column_int64 (stmt, 1));
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* History */

static TmHistoryEntry *
history_entry_new (gint64      when,
                   const char *who,
                   const char *task_uuid,
                   const char *task_title,
                   const char *scenario_id,
                   const char *profession_id,
                   const char *field,
                   const char *old_value,
                   const char *new_value)
{
  TmHistoryEntry *e = g_new0 (TmHistoryEntry, 1);

  e->when = when;
  e->who = g_strdup (who ? who : "");
  e->task_uuid = task_uuid && *task_uuid ? g_strdup (task_uuid) : NULL;
  e->task_title = task_title && *task_title ? g_strdup (task_title) : NULL;
  e->scenario_id = scenario_id && *scenario_id ? g_strdup (scenario_id) : NULL;
  e->profession_id = profession_id && *profession_id ? g_strdup (profession_id) : NULL;
  e->field = g_strdup (field);
  e->old_value = g_strdup (old_value ? old_value : "");
  e->new_value = g_strdup (new_value ? new_value : "");
  return e;
}

TmHistoryEntry *
_tm_history_entry_new (gint64      when,
                       const char *who,
                       const char *task_uuid,
                       const char *task_title,
                       const char *scenario_id,
                       const char *profession_id,
                       const char *field,
                       const char *old_value,
                       const char *new_value)
{
  return history_entry_new (when, who, task_uuid, task_title, scenario_id, profession_id, field,
                            old_value, new_value);
}

static char *
format_time_value (const TmTaskData *d)
{
  g_autofree char *minutes = NULL;
  g_autofree char *occurrences = NULL;

  if (d->minutes < 0 && d->occurrences < 0)
    return g_strdup ("");
  minutes = d->minutes >= 0 ? g_strdup_printf ("%.17g", d->minutes) : g_strdup ("");
  occurrences = d->occurrences >= 0 ? g_strdup_printf ("%.17g", d->occurrences) : g_strdup ("");
  g_strdelimit (minutes, ",", '.');
  g_strdelimit (occurrences, ",", '.');
  return g_strdup_printf ("%s|%s|%s", minutes, occurrences, tm_per_to_id (d->per));
}

static char *
format_shifts_value (guint shifts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < TM_N_SHIFTS; i++)
    if (shifts & (1u << i))
      {
        if (text->len)
          g_string_append_c (text, ' ');
        g_string_append (text, tm_shift_to_id (1u << i));
      }
  return g_string_free (text, FALSE);
}

static char *
format_performers_value (const TmTaskData *d)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < d->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (d->performers, TmPerformer, i);

      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s:%g", p->profession_id, p->share);
    }
  return g_string_free (text, FALSE);
}

static char *
format_move_value (const TmMove *m)
{
  if (m == NULL)
    return g_strdup ("");
  if (m->kind == TM_MOVE_TO_PROFESSION)
    return g_strdup_printf ("%s:%s:%g", tm_move_kind_to_id (m->kind),
                            m->profession_id ? m->profession_id : "", m->share);
  return g_strdup_printf ("%s::%g", tm_move_kind_to_id (m->kind), m->share);
}

#define ADD(scenario, profession, field, old_v, new_v) \
  g_ptr_array_add (out, history_entry_new (when, who, uuid, title, scenario, profession, field, old_v, new_v))

static void
diff_texts (GPtrArray  *out,
            gint64      when,
            const char *who,
            const char *uuid,
            const char *title,
            const char *scenario,
            const char *field,
            const char *a,
            const char *b)
{
  if (g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) != 0)
    ADD (scenario, NULL, field, a, b);
}

static void
diff_reviews (GPtrArray          *out,
              gint64              when,
              const char         *who,
              const char         *uuid,
              const char         *title,
              const char         *scenario,
              const TmMoveReview *a,
              const TmMoveReview *b)
{
  TmMoveReview blank;

  tm_move_review_init (&blank, scenario);
  if (a == NULL)
    a = &blank;
  if (b == NULL)
    b = &blank;

  if (tm_move_review_get_status (a) != tm_move_review_get_status (b) ||
      a->status_log->len != b->status_log->len)
    ADD (scenario, NULL, "review.status", tm_move_status_to_id (tm_move_review_get_status (a)),
         tm_move_status_to_id (tm_move_review_get_status (b)));

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      g_autofree char *field = g_strconcat ("review.check.", tm_check_item_to_id (i), NULL);
      g_autofree char *note_field = g_strconcat ("review.check-note.", tm_check_item_to_id (i), NULL);

      if (a->checks[i].state != b->checks[i].state)
        ADD (scenario, NULL, field, tm_check_state_to_id (a->checks[i].state),
             tm_check_state_to_id (b->checks[i].state));
      diff_texts (out, when, who, uuid, title, scenario, note_field, a->checks[i].note, b->checks[i].note);
    }
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      g_autofree char *field = g_strconcat ("review.quality.", tm_quality_component_to_id (i), NULL);
      g_autofree char *note_field = g_strconcat ("review.quality-note.", tm_quality_component_to_id (i), NULL);

      if (a->quality[i].rating != b->quality[i].rating)
        ADD (scenario, NULL, field, tm_rating_to_id (a->quality[i].rating),
             tm_rating_to_id (b->quality[i].rating));
      diff_texts (out, when, who, uuid, title, scenario, note_field, a->quality[i].note, b->quality[i].note);
    }
  if (a->barriers != b->barriers)
    {
      GString *x = g_string_new (NULL), *y = g_string_new (NULL);

      for (guint i = 0; i < TM_N_BARRIERS; i++)
        {
          if (a->barriers & (1u << i))
            g_string_append_printf (x, "%s%s", x->len ? " " : "", tm_barrier_to_id (1u << i));
          if (b->barriers & (1u << i))
            g_string_append_printf (y, "%s%s", y->len ? " " : "", tm_barrier_to_id (1u << i));
        }
      ADD (scenario, NULL, "review.barriers", x->str, y->str);
      g_string_free (x, TRUE);
      g_string_free (y, TRUE);
    }
  if (a->risk != b->risk)
    ADD (scenario, NULL, "review.risk", tm_risk_to_id (a->risk), tm_risk_to_id (b->risk));
  diff_texts (out, when, who, uuid, title, scenario, "review.barrier-note", a->barrier_note, b->barrier_note);
  diff_texts (out, when, who, uuid, title, scenario, "review.mitigation", a->mitigation, b->mitigation);
  diff_texts (out, when, who, uuid, title, scenario, "review.responsible", a->responsible, b->responsible);
  diff_texts (out, when, who, uuid, title, scenario, "review.delegation-instruction", a->delegation_ref, b->delegation_ref);
  diff_texts (out, when, who, uuid, title, scenario, "review.quality-standards", a->quality_standards, b->quality_standards);
  diff_texts (out, when, who, uuid, title, scenario, "review.follow-up", a->follow_up, b->follow_up);

  tm_move_review_clear (&blank);
}

/* The entries that say how @before became @after (either may be NULL). */
static void
diff_tasks (GPtrArray        *out,
            gint64            when,
            const char       *who,
            const char       *uuid,
            const TmTaskData *before,
            const TmTaskData *after)
{
  const char *title = after ? after->title : before ? before->title : "";

  if (before == NULL || after == NULL)
    {
      ADD (NULL, NULL, "task", before ? before->title : "", after ? after->title : "");
      return;
    }

  diff_texts (out, when, who, uuid, title, NULL, "title", before->title, after->title);
  diff_texts (out, when, who, uuid, title, NULL, "description", before->description, after->description);
  diff_texts (out, when, who, uuid, title, NULL, "group", before->group, after->group);
  if (before->level != after->level)
    ADD (NULL, NULL, "level", tm_level_to_id (before->level), tm_level_to_id (after->level));
  if (before->complexity != after->complexity)
    ADD (NULL, NULL, "complexity", tm_complexity_to_id (before->complexity),
         tm_complexity_to_id (after->complexity));
  {
    g_autofree char *x = format_time_value (before);
    g_autofree char *y = format_time_value (after);

    diff_texts (out, when, who, uuid, title, NULL, "time", x, y);
  }
  if (before->shifts != after->shifts)
    {
      g_autofree char *x = format_shifts_value (before->shifts);
      g_autofree char *y = format_shifts_value (after->shifts);

      ADD (NULL, NULL, "shifts", x, y);
    }
  {
    g_autofree char *x = format_performers_value (before);
    g_autofree char *y = format_performers_value (after);

    diff_texts (out, when, who, uuid, title, NULL, "performed-by", x, y);
  }
  diff_texts (out, when, who, uuid, title, NULL, "notes", before->notes, after->notes);
  diff_texts (out, when, who, uuid, title, NULL, "unit", before->unit, after->unit);

  /* Assessments, by profession: the suitability, and whether anything else changed. */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();

    for (guint i = 0; i < before->assessments->len; i++)
      g_ptr_array_add (ids, g_array_index (before->assessments, TmAssessment, i).profession_id);
    for (guint i = 0; i < after->assessments->len; i++)
      {
        const char *id = g_array_index (after->assessments, TmAssessment, i).profession_id;

        if (tm_task_data_get_assessment (before, id) == NULL)
          g_ptr_array_add (ids, (gpointer) id);
      }

    for (guint i = 0; i < ids->len; i++)
      {
        const char *id = g_ptr_array_index (ids, i);
        const TmAssessment *x = tm_task_data_get_assessment (before, id);
        const TmAssessment *y = tm_task_data_get_assessment (after, id);
        TmSuitability sx = x ? x->suitability : TM_SUITABILITY_NOT_ASSESSED;
        TmSuitability sy = y ? y->suitability : TM_SUITABILITY_NOT_ASSESSED;
        GString *parts = g_string_new (NULL);

        if (sx != sy)
          ADD (NULL, id, "assessment.suitability", tm_suitability_to_id (sx), tm_suitability_to_id (sy));

        if (x != NULL && y != NULL)
          {
#define PART(cond, name) if (cond) g_string_append_printf (parts, "%s%s", parts->len ? " " : "", name)
            PART (x->complexity_limit != y->complexity_limit, "complexity-limit");
            PART (x->share != y->share, "share");
            PART (x->training != y->training, "training");
            PART (x->training_days != y->training_days, "training-days");
            PART (g_strcmp0 (x->training_content, y->training_content) != 0, "training-content");
            PART (!x->documented_by_test != !y->documented_by_test, "tested");
            PART (x->rationale != y->rationale, "rationale");
            PART (g_strcmp0 (x->purpose, y->purpose) != 0, "purpose");
            PART (g_strcmp0 (x->note, y->note) != 0, "note");
#undef PART
            if (parts->len > 0)
              ADD (NULL, id, "assessment.other", "", parts->str);
          }
        g_string_free (parts, TRUE);
      }
  }

  /* Moves and their reviews, by scenario. */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();

#define COLLECT(array, Type, member)                                              \
    for (guint i = 0; i < (array)->len; i++)                                    \
      {                                                                         \
        const char *id = g_array_index ((array), Type, i).member;               \
        gboolean seen = FALSE;                                                  \
        for (guint j = 0; j < ids->len && !seen; j++)                           \
          seen = g_str_equal (g_ptr_array_index (ids, j), id);                  \
        if (!seen)                                                              \
          g_ptr_array_add (ids, (gpointer) id);                                 \
      }
    COLLECT (before->moves, TmMove, scenario_id)
    COLLECT (after->moves, TmMove, scenario_id)
    COLLECT (before->reviews, TmMoveReview, scenario_id)
    COLLECT (after->reviews, TmMoveReview, scenario_id)
#undef COLLECT

    for (guint i = 0; i < ids->len; i++)
      {
        const char *id = g_ptr_array_index (ids, i);
        g_autofree char *x = format_move_value (tm_task_data_get_move (before, id));
        g_autofree char *y = format_move_value (tm_task_data_get_move (after, id));
        const TmMoveReview *rx = tm_task_data_get_review (before, id);
        const TmMoveReview *ry = tm_task_data_get_review (after, id);

        if (g_strcmp0 (x, y) != 0)
          ADD (id, NULL, "move", x, y);
        if (!tm_move_review_equal (rx, ry))
          diff_reviews (out, when, who, uuid, title, id, rx, ry);
      }
  }
}

#undef ADD

static char *
workshop_summary (const TmWorkshopData *w)
{
  if (w == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s %s", w->date, w->title ? w->title : "");
}

static char *
participants_value (const TmWorkshopData *w)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < w->participants->len; i++)
    {
      const TmParticipants *p = &g_array_index (w->participants, TmParticipants, i);

      g_string_append_printf (text, "%s%s:%u", text->len ? " " : "", p->profession_id, p->count);
    }
  return g_string_free (text, FALSE);
}

static char *
decided_value (const TmWorkshopData *w)
{
  return g_strdup_printf ("%u", w->moves->len);
}

/* A workshop added or deleted is one entry; a change, one per field. The
 * workshop's date and title stand where a task's title would. */
static void
diff_workshops (GPtrArray            *out,
                gint64                when,
                const char           *who,
                const TmWorkshopData *a,
                const TmWorkshopData *b)
{
  g_autofree char *name = workshop_summary (b ? b : a);

#define W(field, x, y) \
  if (g_strcmp0 ((x) ? (x) : "", (y) ? (y) : "") != 0) \
    g_ptr_array_add (out, history_entry_new (when, who, NULL, name, NULL, NULL, field, x, y))

  if (a == NULL || b == NULL)
    {
      g_autofree char *x = a ? workshop_summary (a) : NULL;
      g_autofree char *y = b ? workshop_summary (b) : NULL;

      W ("workshop", x, y);
      return;
    }

  W ("workshop.date", a->date, b->date);
  W ("workshop.title", a->title, b->title);
  W ("workshop.facilitator", a->facilitator, b->facilitator);
  W ("workshop.names", a->names, b->names);
  W ("workshop.decisions", a->decisions, b->decisions);
  {
    g_autofree char *x = participants_value (a);
    g_autofree char *y = participants_value (b);

    W ("workshop.participants", x, y);
  }
  {
    g_autofree char *x = decided_value (a);
    g_autofree char *y = decided_value (b);

    if (!tm_workshop_data_equal (a, b) && g_strcmp0 (x, y) == 0)
      {
        /* The same number of moves, other moves. */
        gboolean same = TRUE;

        for (guint i = 0; same && i < a->moves->len; i++)
          {
            const TmMoveRef *m = &g_array_index (a->moves, TmMoveRef, i);

            same = tm_workshop_data_has_move (b, m->task_uuid, m->scenario_id);
          }
        if (!same)
          g_ptr_array_add (out, history_entry_new (when, who, NULL, name, NULL, NULL,
                                                   "workshop.moves", x, y));
      }
    else
      W ("workshop.moves", x, y);
  }
#undef W
}

/* A staffing value as the history keeps it: C-locale number, "" for not known. */
static char *
staffing_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == -1)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static void
diff_staffing (GPtrArray        *out,
               gint64            when,
               const char       *who,
               const TmStaffing *before,
               const TmStaffing *after)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  double shift_before = before ? before->shift_hours : -1;
  double shift_after = after ? after->shift_hours : -1;

  if (shift_before != shift_after)
    {
      g_autofree char *old_value = staffing_value (shift_before);
      g_autofree char *new_value = staffing_value (shift_after);

      g_ptr_array_add (out, history_entry_new (when, who, NULL, NULL, NULL, NULL, "staffing.shift-hours",
                                               old_value, new_value));
    }

  for (guint k = 0; k < 2; k++)
    {
      const TmStaffing *side = k == 0 ? before : after;

      for (guint i = 0; side != NULL && i < side->entries->len; i++)
        {
          const char *id = g_array_index (side->entries, TmStaffingEntry, i).profession_id;

          if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
            g_ptr_array_add (ids, (gpointer) id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const TmStaffingEntry *b = before ? tm_staffing_lookup (before, id) : NULL;
      const TmStaffingEntry *a = after ? tm_staffing_lookup (after, id) : NULL;
      double fte_b = b ? b->fte : -1, fte_a = a ? a->fte : -1;
      double hours_b = b ? b->hours_per_fte : -1, hours_a = a ? a->hours_per_fte : -1;

      if (fte_b != fte_a)
        {
          g_autofree char *old_value = staffing_value (fte_b);
          g_autofree char *new_value = staffing_value (fte_a);

          g_ptr_array_add (out, history_entry_new (when, who, NULL, NULL, NULL, id, "staffing.fte",
                                                   old_value, new_value));
        }
      if (hours_b != hours_a)
        {
          g_autofree char *old_value = staffing_value (hours_b);
          g_autofree char *new_value = staffing_value (hours_a);

          g_ptr_array_add (out, history_entry_new (when, who, NULL, NULL, NULL, id,
                                                   "staffing.hours-per-fte", old_value, new_value));
        }
    }
}

static GPtrArray *
history_from_changes (TmPortfolio *self,
                      GPtrArray   *changes)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  gint64 when = _tm_now ();
  const char *who = tm_portfolio_get_user_name (self);

  for (guint i = 0; i < changes->len; i++)
    {
      TmChange *change = g_ptr_array_index (changes, i);

      switch (change->kind)
        {
        case CHANGE_TASK:
          if (change->task.before != NULL && change->task.after != NULL &&
              tm_task_data_equal (change->task.before, change->task.after))
            break;
          diff_tasks (out, when, who, change->id, change->task.before, change->task.after);
          break;

        case CHANGE_UNIT:
          if (g_strcmp0 (change->unit.before->last_meeting, change->unit.after->last_meeting) != 0)
            g_ptr_array_add (out, history_entry_new (when, who, NULL, NULL, NULL, NULL, "committee-meeting",
                                                     change->unit.before->last_meeting,
                                                     change->unit.after->last_meeting));
          break;

        case CHANGE_WORKSHOP:
          diff_workshops (out, when, who, change->workshop.before, change->workshop.after);
          break;

        case CHANGE_STAFFING:
          diff_staffing (out, when, who, change->staffing.before, change->staffing.after);
          break;

        case CHANGE_PROFESSION:
        case CHANGE_SCENARIO:
        case CHANGE_HISTORY:
        default:
          break;
        }
    }
  return out;
}

/* Inserts @entries; appends the new rows' ids to @ids. */
static gboolean
insert_history (TmPortfolio  *self,
                GPtrArray    *entries,
                GArray       *ids,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (entries == NULL || entries->len == 0)
    return TRUE;

  stmt = prepare (self,
                  "INSERT INTO history (time, who, task_uuid, task_title, scenario_id,"
                  " profession_id, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, i);
      gint64 id;

#define S(x) ((x) ? (x) : "")
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, e->when);
      sqlite3_bind_text (stmt, 2, S (e->who), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, S (e->task_uuid), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, S (e->task_title), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, S (e->scenario_id), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, S (e->profession_id), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, S (e->field), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, S (e->old_value), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, S (e->new_value), -1, SQLITE_STATIC);
#undef S
      if (!step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) == 1)
        {
          id = sqlite3_last_insert_rowid (self->db);
          g_array_append_val (ids, id);
        }
    }
  return TRUE;
}

static gboolean
delete_history (TmPortfolio  *self,
                GArray       *ids,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (ids == NULL || ids->len == 0)
    return TRUE;

  stmt = prepare (self, "DELETE FROM history WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  g_array_set_size (ids, 0);
  return TRUE;
}

static gboolean
write_change (TmPortfolio  *self,
              TmChange     *change,
              gboolean      forward,
              GError      **error)
{
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
        const ProfessionState *target = forward ? change->profession.after : change->profession.before;

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
        return insert_history (self, change->history.entries, change->history.ids, error);
      return delete_history (self, change->history.ids, error);

    case CHANGE_STAFFING:
      {
        const TmStaffing *target = forward ? change->staffing.after : change->staffing.before;

        if (target != NULL && !validate_staffing (self, target, FALSE, error))
          return FALSE;
        return write_staffing (self, change->id, target, error);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Memory for one state, after the transaction committed */

static void
refresh_performed_by_of (TmPortfolio *self,
                         const char  *profession_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const TmTaskData *data = tm_task_peek_data (task);

      for (guint j = 0; j < data->performers->len; j++)
        {
          if (g_str_equal (g_array_index (data->performers, TmPerformer, j).profession_id,
                           profession_id))
            {
              update_performed_by (self, task);
              break;
            }
        }
    }
}

/* A new task holding a copy of @data, not yet in the store or the index. */
static TmTask *
new_task_in_memory (TmPortfolio      *self,
                    const char       *uuid,
                    const TmTaskData *data,
                    double            position)
{
  TmTaskData *copy = tm_task_data_copy (data);
  TmTask *task;

  g_free (copy->uuid);
  copy->uuid = g_strdup (uuid);
  task = _tm_task_new (copy);
  _tm_task_set_position (task, position);
  update_performed_by (self, task);
  return task;
}

static void
add_task_to_memory (TmPortfolio      *self,
                    const char       *uuid,
                    const TmTaskData *data,
                    double            position)
{
  g_autoptr(TmTask) task = new_task_in_memory (self, uuid, data, position);
  guint index;

  index = insertion_index (self, position);
  g_hash_table_insert (self->tasks_by_uuid, g_strdup (uuid), task);
  g_list_store_insert (self->tasks, index, task);
}

/* A run of changes that add tasks after all others (an import, a merge, a
 * paste, the redo of either) or remove the last ones (their undo) is put
 * into the store with one splice: one "items-changed" for all, not one per
 * task, each of which a sorted or filtered view would process on its own. */
typedef struct {
  GPtrArray *appended;       /* of TmTask: indexed by uuid, not yet in the store */
  double     last_position;  /* of the last task appended */
  guint      n_removed;      /* last tasks of the store: no longer indexed, still in the store */
} StoreBatch;

static void
flush_store_batch (TmPortfolio *self,
                   StoreBatch  *batch)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  if (batch->n_removed > 0)
    g_list_store_splice (self->tasks, n - batch->n_removed, batch->n_removed, NULL, 0);
  else if (batch->appended->len > 0)
    g_list_store_splice (self->tasks, n, 0, batch->appended->pdata, batch->appended->len);
  g_ptr_array_set_size (batch->appended, 0);
  batch->n_removed = 0;
}

/* Takes @change into @batch when it adds a task at the end or removes the
 * last one; FALSE (nothing done) otherwise. */
static gboolean
batch_task_change (TmPortfolio *self,
                   StoreBatch  *batch,
                   TmChange    *change,
                   gboolean     forward)
{
  const TmTaskData *target;
  double position;
  TmTask *task;
  guint n;

  if (change->kind != CHANGE_TASK)
    return FALSE;

  target = forward ? change->task.after : change->task.before;
  position = forward ? change->task.after_position : change->task.before_position;
  task = g_hash_table_lookup (self->tasks_by_uuid, change->id);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  if (target != NULL && task == NULL && batch->n_removed == 0)
    {
      /* insertion_index() puts a task after those with the same position. */
      if (batch->appended->len == 0 && n > 0)
        batch->last_position = _tm_portfolio_get_last_position (self);
      if ((batch->appended->len > 0 || n > 0) && position < batch->last_position)
        return FALSE;

      task = new_task_in_memory (self, change->id, target, position);
      g_hash_table_insert (self->tasks_by_uuid, g_strdup (change->id), task);
      g_ptr_array_add (batch->appended, task);
      batch->last_position = position;
      return TRUE;
    }

  if (target == NULL && task != NULL && batch->appended->len == 0 && batch->n_removed < n)
    {
      g_autoptr(TmTask) last = g_list_model_get_item (G_LIST_MODEL (self->tasks),
                                                      n - 1 - batch->n_removed);

      if (last != task)
        return FALSE;
      g_hash_table_remove (self->tasks_by_uuid, change->id);
      batch->n_removed++;
      return TRUE;
    }

  return FALSE;
}

static void
apply_change_to_memory (TmPortfolio *self,
                        TmChange    *change,
                        gboolean     forward)
{
  switch (change->kind)
    {
    case CHANGE_TASK:
      {
        const TmTaskData *target = forward ? change->task.after : change->task.before;
        double position = forward ? change->task.after_position : change->task.before_position;
        TmTask *task = g_hash_table_lookup (self->tasks_by_uuid, change->id);
        guint index;

        if (target == NULL)
          {
            if (task != NULL && find_task_index (self, task, &index))
              {
                g_hash_table_remove (self->tasks_by_uuid, change->id);
                g_list_store_remove (self->tasks, index);
              }
          }
        else if (task == NULL)
          {
            add_task_to_memory (self, change->id, target, position);
          }
        else
          {
            if (_tm_task_get_position (task) != position && find_task_index (self, task, &index))
              {
                g_autoptr(TmTask) hold = g_object_ref (task);

                g_list_store_remove (self->tasks, index);
                _tm_task_set_position (hold, position);
                g_list_store_insert (self->tasks, insertion_index (self, position), hold);
              }
            _tm_task_set_data (task, target);
            update_performed_by (self, task);
            g_signal_emit (self, signals[TASK_CHANGED], 0, task);
          }
      }
      break;

    case CHANGE_PROFESSION:
      {
        const ProfessionState *target = forward ? change->profession.after : change->profession.before;
        TmProfession *profession = g_hash_table_lookup (self->professions_by_id, change->id);
        guint index;

        if (target == NULL)
          {
            if (profession != NULL && g_list_store_find (self->professions, profession, &index))
              {
                g_hash_table_remove (self->professions_by_id, change->id);
                g_list_store_remove (self->professions, index);
              }
          }
        else if (profession == NULL)
          {
            g_autoptr(TmProfession) added =
              _tm_profession_new (target->id, target->name, target->name_en, target->authorised,
                                  target->unskilled, target->hidden, target->builtin);

            g_hash_table_insert (self->professions_by_id, g_strdup (target->id), added);
            g_list_store_append (self->professions, added);
          }
        else
          {
            gboolean renamed = g_strcmp0 (tm_profession_get_name (profession), target->name) != 0 ||
                               g_strcmp0 (tm_profession_get_name_en (profession), target->name_en) != 0;

            _tm_profession_set (profession, target->name, target->name_en, target->authorised,
                                target->unskilled, target->hidden);
            if (renamed)
              refresh_performed_by_of (self, change->id);
          }
      }
      break;

    case CHANGE_UNIT:
      {
        const UnitState *target = forward ? change->unit.after : change->unit.before;

        g_object_freeze_notify (G_OBJECT (self));
        if (g_strcmp0 (self->unit_name, target->unit_name) != 0)
          {
            g_free (self->unit_name);
            self->unit_name = g_strdup (target->unit_name);
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_NAME]);
          }
        if (g_strcmp0 (self->organisation, target->organisation) != 0)
          {
            g_free (self->organisation);
            self->organisation = g_strdup (target->organisation);
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION]);
          }
        if (g_strcmp0 (self->notes, target->notes) != 0)
          {
            g_free (self->notes);
            self->notes = g_strdup (target->notes);
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
          }
        if (self->setting != target->setting)
          {
            self->setting = target->setting;
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTING]);
          }
        if (g_strcmp0 (self->last_meeting, target->last_meeting) != 0)
          {
            g_free (self->last_meeting);
            self->last_meeting = g_strdup (target->last_meeting);
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MEETING]);
          }
        if (g_strcmp0 (self->language, target->language) != 0)
          {
            g_free (self->language);
            self->language = g_strdup (target->language);
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
          }
        g_object_thaw_notify (G_OBJECT (self));
      }
      break;

    case CHANGE_SCENARIO:
      {
        const ScenarioState *target = forward ? change->scenario.after : change->scenario.before;
        TmScenario *scenario = g_hash_table_lookup (self->scenarios_by_id, change->id);
        guint index;

        if (target == NULL)
          {
            if (scenario != NULL && g_list_store_find (self->scenarios, scenario, &index))
              {
                g_hash_table_remove (self->scenarios_by_id, change->id);
                g_list_store_remove (self->scenarios, index);
              }
          }
        else if (scenario == NULL)
          {
            g_autoptr(TmScenario) added = _tm_scenario_new (target->id, target->name);
            guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));

            g_hash_table_insert (self->scenarios_by_id, g_strdup (target->id), added);
            if (target->index >= 0 && (guint) target->index < n)
              g_list_store_insert (self->scenarios, target->index, added);
            else
              g_list_store_append (self->scenarios, added);
          }
        else
          _tm_scenario_set_name (scenario, target->name);
      }
      break;

    case CHANGE_WORKSHOP:
      apply_workshop_to_memory (self, change->id,
                                forward ? change->workshop.after : change->workshop.before,
                                change->workshop.position);
      break;

    case CHANGE_HISTORY:
      break;

    case CHANGE_STAFFING:
      {
        const TmStaffing *target = forward ? change->staffing.after : change->staffing.before;

        if (target != NULL)
          g_hash_table_insert (self->staffing, g_strdup (change->id), tm_staffing_copy (target));
        else
          g_hash_table_remove (self->staffing, change->id);
        g_signal_emit (self, signals[STAFFING_CHANGED], 0, change->id);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Transactions */

static gboolean
ensure_open (TmPortfolio  *self,
             GError      **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("“%s” is closed."), self->display_name);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file name */
                   _("“%s” is open for reading only, so the change cannot be saved. Use Save a Copy "
                     "to make a copy you can edit."),
                   self->display_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
tm_portfolio_is_read_only (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return self->read_only;
}

/* From how many changes a transaction gets a bigger page cache, and how big (KiB). */
#define BULK_CHANGES  1000
#define BULK_CACHE_KB 65536

/* Writes all @changes in one transaction (with @bulk, in a bigger page cache). */
static gboolean
write_changes (TmPortfolio  *self,
               GPtrArray    *changes,
               gboolean      forward,
               UndoEntry    *entry,
               HistoryOp     op,
               GError      **error)
{
  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint k = 0; k < changes->len; k++)
    {
      guint i = forward ? k : changes->len - 1 - k;

      if (!write_change (self, g_ptr_array_index (changes, i), forward, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  /* The history is written in the same transaction as what it records. */
  if (entry != NULL && op != HISTORY_NONE)
    {
      gboolean ok = TRUE;

      if (entry->history_ids == NULL)
        entry->history_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      switch (op)
        {
        case HISTORY_RECORD:
          ok = delete_history (self, entry->history_ids, error);
          if (ok)
            {
              g_clear_pointer (&entry->history, g_ptr_array_unref);
              entry->history = history_from_changes (self, entry->changes);
              ok = insert_history (self, entry->history, entry->history_ids, error);
            }
          break;
        case HISTORY_REMOVE:
          ok = delete_history (self, entry->history_ids, error);
          break;
        case HISTORY_RESTORE:
          ok = insert_history (self, entry->history, entry->history_ids, error);
          break;
        case HISTORY_NONE:
        default:
          break;
        }

      if (!ok)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  if (!exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* Writes all @changes in one transaction, then updates memory. */
static gboolean
commit_changes_full (TmPortfolio  *self,
                     GPtrArray    *changes,
                     gboolean      forward,
                     UndoEntry    *entry,
                     HistoryOp     op,
                     GError      **error)
{
  g_autoptr(GPtrArray) appended = g_ptr_array_new_with_free_func (g_object_unref);
  StoreBatch batch = { appended, 0, 0 };
  gint64 cache_size = 0;
  gboolean bulk;
  gboolean ok;

  if (!ensure_open (self, error))
    return FALSE;

  /* A bulk change (an import, a merge, their undo) touches pages all over
   * the tables, their indexes and those of the uuid keys: with SQLite's
   * default 2 MB cache most of them are written out and read back. */
  bulk = changes->len >= BULK_CHANGES && query_int (self, "PRAGMA cache_size", &cache_size, NULL);
  if (bulk)
    exec_sql (self, "PRAGMA cache_size = -" G_STRINGIFY (BULK_CACHE_KB), NULL);
  ok = write_changes (self, changes, forward, entry, op, error);
  if (bulk)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

      exec_sql (self, restore, NULL);
    }
  if (!ok)
    return FALSE;

  self->edit_count++;

  for (guint k = 0; k < changes->len; k++)
    {
      guint i = forward ? k : changes->len - 1 - k;
      TmChange *change = g_ptr_array_index (changes, i);

      if (batch_task_change (self, &batch, change, forward))
        continue;
      flush_store_batch (self, &batch);
      if (!batch_task_change (self, &batch, change, forward))
        apply_change_to_memory (self, change, forward);
    }
  flush_store_batch (self, &batch);

  return TRUE;
}


static void
update_undo_state (TmPortfolio *self)
{
  UndoEntry *undo = g_queue_peek_head (&self->undo);
  UndoEntry *redo = g_queue_peek_head (&self->redo);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;
  gboolean could_undo = self->undo_label != NULL;
  gboolean could_redo = self->redo_label != NULL;

  /* Translators: %s is an edit such as "Delete Task" */
  undo_label = undo ? g_strdup_printf (_("Undo: %s"), undo->label) : NULL;
  /* Translators: %s is an edit such as "Delete Task" */
  redo_label = redo ? g_strdup_printf (_("Redo: %s"), redo->label) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  if (could_undo != (self->undo_label != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != (self->redo_label != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
clear_queue (GQueue *queue)
{
  UndoEntry *entry;

  while ((entry = g_queue_pop_head (queue)))
    undo_entry_free (entry);
}

gboolean
_tm_portfolio_apply_full (TmPortfolio  *self,
                          const char   *label,
                          GPtrArray    *changes,
                          gboolean      record_history,
                          GError      **error)
{
  g_autoptr(GPtrArray) owned = changes;
  UndoEntry *entry;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  g_ptr_array_set_free_func (owned, (GDestroyNotify) _tm_change_free);

  if (owned->len == 0)
    return TRUE;

  entry = g_new0 (UndoEntry, 1);
  entry->label = g_strdup (label);
  entry->changes = g_steal_pointer (&owned);

  if (!commit_changes_full (self, entry->changes, TRUE, entry,
                            record_history ? HISTORY_RECORD : HISTORY_NONE, error))
    {
      undo_entry_free (entry);
      return FALSE;
    }

  g_queue_push_head (&self->undo, entry);
  clear_queue (&self->redo);
  self->merge_open = FALSE;
  update_undo_state (self);
  return TRUE;
}

gboolean
_tm_portfolio_apply (TmPortfolio  *self,
                     const char   *label,
                     GPtrArray    *changes,
                     GError      **error)
{
  return _tm_portfolio_apply_full (self, label, changes, TRUE, error);
}

void
_tm_portfolio_clear_undo (TmPortfolio *self)
{
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  self->merge_open = FALSE;
  update_undo_state (self);
}

const char *
_tm_portfolio_get_display_name (TmPortfolio *self)
{
  return self->display_name;
}

/* GObject */

static void
tm_portfolio_dispose (GObject *object)
{
  TmPortfolio *self = (TmPortfolio *)object;

  tm_portfolio_close (self);

  G_OBJECT_CLASS (tm_portfolio_parent_class)->dispose (object);
}

static void
tm_portfolio_finalize (GObject *object)
{
  TmPortfolio *self = (TmPortfolio *)object;

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_object (&self->file);
  g_clear_object (&self->professions);
  g_clear_object (&self->tasks);
  g_clear_pointer (&self->professions_by_id, g_hash_table_unref);
  g_clear_pointer (&self->tasks_by_uuid, g_hash_table_unref);
  g_clear_object (&self->scenarios);
  g_clear_pointer (&self->scenarios_by_id, g_hash_table_unref);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->unit_name, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->last_meeting, g_free);
  g_clear_object (&self->workshops);
  g_clear_pointer (&self->workshops_by_id, g_hash_table_unref);
  g_clear_pointer (&self->staffing, g_hash_table_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);

  G_OBJECT_CLASS (tm_portfolio_parent_class)->finalize (object);
}

static void
tm_portfolio_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TmPortfolio *self = TM_PORTFOLIO (object);

  switch (prop_id)
    {
    case PROP_COUNTRY: g_value_set_uint (value, self->country); break;
    case PROP_UNIT_NAME: g_value_set_string (value, self->unit_name); break;
    case PROP_ORGANISATION: g_value_set_string (value, self->organisation); break;
    case PROP_SETTING: g_value_set_uint (value, self->setting); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, tm_portfolio_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, tm_portfolio_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, self->undo_label); break;
    case PROP_REDO_LABEL: g_value_set_string (value, self->redo_label); break;
    case PROP_LAST_MEETING: g_value_set_string (value, self->last_meeting); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_portfolio_class_init (TmPortfolioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tm_portfolio_dispose;
  object_class->finalize = tm_portfolio_finalize;
  object_class->get_property = tm_portfolio_get_property;

  properties[PROP_COUNTRY] =
    g_param_spec_uint ("country", NULL, NULL, 0, TM_N_COUNTRIES - 1, 0, flags);
  properties[PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  properties[PROP_ORGANISATION] = g_param_spec_string ("organisation", NULL, NULL, NULL, flags);
  properties[PROP_SETTING] =
    g_param_spec_uint ("setting", NULL, NULL, 0, TM_N_SETTINGS - 1, 0, flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  properties[PROP_LAST_MEETING] = g_param_spec_string ("last-committee-meeting", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TmPortfolio::task-changed:
   * @task: the task whose fields changed
   *
   * Emitted after an edit, an undo or a redo changed an existing task.
   */
  signals[TASK_CHANGED] =
    g_signal_new ("task-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TM_TYPE_TASK);

  /**
   * TmPortfolio::staffing-changed:
   * @unit: the unit whose staffing changed ("" for the portfolio's own)
   *
   * Emitted after an edit, an undo or a redo changed a unit's staffing.
   */
  signals[STAFFING_CHANGED] =
    g_signal_new ("staffing-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tm_portfolio_init (TmPortfolio *self)
{
  self->professions = g_list_store_new (TM_TYPE_PROFESSION);
  self->professions_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tasks = g_list_store_new (TM_TYPE_TASK);
  self->tasks_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scenarios = g_list_store_new (TM_TYPE_SCENARIO);
  self->scenarios_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_name = g_strdup ("");
  self->organisation = g_strdup ("");
  self->notes = g_strdup ("");
  self->last_meeting = g_strdup ("");
  self->workshops = g_list_store_new (TM_TYPE_WORKSHOP);
  self->workshops_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->staffing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) tm_staffing_free);
  self->language = g_strdup ("");
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

/* Opening */

static gboolean
configure_connection (TmPortfolio  *self,
                      GError      **error)
{
  /* An exclusive lock, held while the portfolio is open, keeps a second
   * window or program from writing to the same file behind our back. */
  return exec_sql (self, "PRAGMA locking_mode = EXCLUSIVE", error) &&
         exec_sql (self, "PRAGMA foreign_keys = ON", error) &&
         exec_sql (self, "PRAGMA trusted_schema = OFF", error);
}

static gboolean
enter_wal (TmPortfolio  *self,
           GError      **error)
{
  /* WAL with synchronous=FULL: each committed edit is on disk before the
   * call returns, and a crash never leaves a half-written file. */
  return exec_sql (self, "PRAGMA journal_mode = WAL", error) &&
         exec_sql (self, "PRAGMA synchronous = FULL", error);
}

static gboolean
migrate (TmPortfolio  *self,
         gint64        from_version,
         GError      **error)
{
  g_autofree char *set_version = NULL;

  if (from_version >= TM_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!exec_sql (self, "BEGIN EXCLUSIVE", error))
    return FALSE;

  for (gint64 v = from_version; v < TM_STORE_SCHEMA_VERSION; v++)
    {
      if (!exec_sql (self, migrations[v], error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", TM_STORE_SCHEMA_VERSION);
  if (!exec_sql (self, set_version, error) || !exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static void
set_damaged (TmPortfolio  *self,
             GError      **error,
             const char   *what)
{
  /* Translators: the first %s is a file name, the second says what is wrong */
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
               _("“%s” is damaged and cannot be opened safely: %s"),
               self->display_name, what);
}

static gboolean
load_meta (TmPortfolio  *self,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT key, value FROM meta", error);
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
          set_damaged (self, error, _("the unit details are not valid text."));
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
              set_damaged (self, error, _("the language is unknown."));
              return FALSE;
            }
          g_free (self->language);
          self->language = g_strdup (value);
        }
      else if (g_str_equal (key, "unit.setting"))
        {
          if (!tm_setting_from_id (value, &self->setting))
            {
              set_damaged (self, error, _("the setting type is unknown."));
              return FALSE;
            }
        }
      else if (g_str_equal (key, "unit.country"))
        {
          if (!tm_country_from_id (value, &self->country))
            {
              set_damaged (self, error, _("the country is unknown."));
              return FALSE;
            }
          have_country = TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  if (!have_country)
    {
      set_damaged (self, error, _("the country is missing."));
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

static gboolean
load_staffing (TmPortfolio  *self,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  int rc;

  units = prepare (self, "SELECT unit, shift_hours FROM staffing_units", error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      const char *unit = (const char *) sqlite3_column_text (units, 0);
      TmStaffing *staffing;

      if (unit == NULL || !g_utf8_validate (unit, -1, NULL))
        {
          set_damaged (self, error, _("a staffing is not valid text."));
          return FALSE;
        }
      staffing = tm_staffing_new (unit);
      if (sqlite3_column_type (units, 1) != SQLITE_NULL)
        staffing->shift_hours = sqlite3_column_double (units, 1);
      g_hash_table_insert (self->staffing, g_strdup (unit), staffing);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  rows = prepare (self,
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
          set_damaged (self, error, _("a staffing does not belong to a unit and profession."));
          return FALSE;
        }
      tm_staffing_set (staffing, profession_id, fte, hours);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->staffing);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      if (!tm_staffing_validate (value, NULL))
        {
          set_damaged (self, error, _("a staffing is out of range."));
          return FALSE;
        }
  }
  return TRUE;
}

static gboolean
load_professions (TmPortfolio  *self,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = prepare (self,
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
          set_damaged (self, error, _("a profession is not valid text."));
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
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  g_list_store_splice (self->professions, 0, 0, items->pdata, items->len);
  return TRUE;
}

static gboolean
load_scenarios (TmPortfolio  *self,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT id, name FROM scenarios ORDER BY position, rowid",
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
          set_damaged (self, error, _("a scenario is not valid text."));
          return FALSE;
        }

      scenario = _tm_scenario_new (id, name);
      g_hash_table_insert (self->scenarios_by_id, g_strdup (id), scenario);
      g_list_store_append (self->scenarios, scenario);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

static char *column_dup_text (sqlite3_stmt *stmt, int column);

static gboolean
load_assessments_and_moves (TmPortfolio  *self,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self,
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
          set_damaged (self, error, _("an assessment holds a value this version of Taskmap does not know."));
          return FALSE;
        }

      g_array_append_val (((TmTaskData *) tm_task_peek_data (task))->assessments, a);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self,
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
          set_damaged (self, error, _("a move holds a value this version of Taskmap does not know."));
          return FALSE;
        }
      m.scenario_id = column_dup_text (stmt, 1);
      m.profession_id = profession ? g_strdup (profession) : NULL;
      m.share = sqlite3_column_double (stmt, 4);
      g_array_append_val (((TmTaskData *) tm_task_peek_data (task))->moves, m);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self,
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
          set_damaged (self, error, _("the assessment of a move holds a value this version of Taskmap does not know."));
          return FALSE;
        }
      g_array_append_val (((TmTaskData *) tm_task_peek_data (task))->reviews, r);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
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
            set_damaged (self, error, local_error->message);
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

static gboolean
load_tasks (TmPortfolio  *self,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) perf = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = prepare (self,
                  "SELECT uuid, position, title, description, grp, level, complexity, minutes,"
                  " occurrences, per, shifts, notes, unit, modified FROM tasks"
                  " ORDER BY position, rowid", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TmTaskData) data = tm_task_data_new ();
      TmTask *task;

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
          set_damaged (self, error, what);
          return FALSE;
        }

      task = _tm_task_new (g_steal_pointer (&data));
      _tm_task_set_position (task, sqlite3_column_double (stmt, 1));
      g_hash_table_insert (self->tasks_by_uuid, g_strdup (tm_task_get_uuid (task)), task);
      g_ptr_array_add (items, task);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  perf = prepare (self,
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
      set_sqlite_error (self, error, rc);
      return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    update_performed_by (self, g_ptr_array_index (items, i));

  g_list_store_splice (self->tasks, 0, 0, items->pdata, items->len);
  return TRUE;
}

/* Whether another process holds SQLite's locks on @path (the lock bytes at 1 GiB). */
static gboolean
locked_by_other_process (const char *path)
{
  struct flock probe = { 0 };
  gboolean locked = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;

  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = 0x40000000;   /* SQLite's PENDING_BYTE */
  probe.l_len = 2 + 510;        /* pending, reserved and the shared range */
  if (fcntl (fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK)
    locked = TRUE;

  close (fd);
  return locked;
}

/* Portfolios open in this process, by device and inode. Checked before the
 * file is touched: closing any descriptor of a file drops every POSIX lock
 * this process holds on it, so even a peek at the header of a file another
 * window has open would cost that window its lock. */
static GMutex open_files_lock;
static GHashTable *open_files;

static char *
file_key_for_path (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

static gboolean
file_is_open_here (const char *key)
{
  gboolean found;

  g_mutex_lock (&open_files_lock);
  found = open_files != NULL && g_hash_table_contains (open_files, key);
  g_mutex_unlock (&open_files_lock);
  return found;
}

static void
register_open_file (TmPortfolio *self,
                    const char  *path)
{
  g_autofree char *key = file_key_for_path (path);

  if (key == NULL)
    return;

  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (open_files, g_strdup (key));
  g_mutex_unlock (&open_files_lock);
  self->file_key = g_steal_pointer (&key);
}

static void
unregister_open_file (TmPortfolio *self)
{
  if (self->file_key == NULL)
    return;

  g_mutex_lock (&open_files_lock);
  if (open_files != NULL)
    g_hash_table_remove (open_files, self->file_key);
  g_mutex_unlock (&open_files_lock);
  g_clear_pointer (&self->file_key, g_free);
}

static gboolean
has_sqlite_header (const char  *path,
                   gboolean    *empty,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *fp = g_fopen (path, "rb");
  size_t n;

  if (fp == NULL)
    {
      int saved_errno = errno;
      g_autofree char *basename = g_path_get_basename (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), basename, g_strerror (saved_errno));
      return FALSE;
    }

  n = fread (header, 1, sizeof header, fp);
  fclose (fp);

  *empty = n == 0;
  return n == sizeof header && memcmp (header, magic, sizeof magic) == 0;
}

static TmPortfolio *
portfolio_new_for_file (GFile *file)
{
  TmPortfolio *self = g_object_new (TM_TYPE_PORTFOLIO, NULL);

  if (file != NULL)
    {
      self->file = g_object_ref (file);
      self->display_name = g_file_get_basename (file);
    }
  else
    {
      self->display_name = g_strdup (_("Unsaved portfolio"));
    }
  return self;
}

/* A portfolio always has a scenario; files from before version 2 get one. */
static gboolean
ensure_scenario (TmPortfolio  *self,
                 GError      **error)
{
  g_autoptr(GPtrArray) changes = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)) > 0)
    return TRUE;

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_scenario_new (self, "scenario-1", _("Scenario 1")));
  if (!_tm_portfolio_apply (self, "", g_steal_pointer (&changes), error))
    return FALSE;
  _tm_portfolio_clear_undo (self);
  self->edit_count = 0;
  return TRUE;
}

TmPortfolio *
tm_portfolio_open (GFile   *file,
                   GError **error)
{
  g_autoptr(TmPortfolio) self = NULL;
  g_autofree char *path = NULL;
  gboolean empty = FALSE;
  gint64 app_id = 0;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = portfolio_new_for_file (file);
  path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; copy it to this computer first."),
                   self->display_name);
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO,
                   _("“%s” is a folder, not a Taskmap portfolio."), self->display_name);
      return NULL;
    }

  {
    g_autofree char *key = file_key_for_path (path);

    if (key != NULL && file_is_open_here (key))
      {
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED,
                     _("“%s” is already open in another Taskmap window."), self->display_name);
        return NULL;
      }
  }

  /* Look before SQLite touches anything: it would happily turn an empty
   * file into a database, or leave a journal beside a foreign one. */
  if (!has_sqlite_header (path, &empty, error))
    {
      if (error != NULL && *error != NULL)
        return NULL;
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO,
                   empty ? _("“%s” is empty: it is not a Taskmap portfolio.")
                         : _("“%s” is not a Taskmap portfolio."),
                   self->display_name);
      return NULL;
    }

  /* A file that cannot be written (or its folder, where SQLite keeps its
   * journal), or one reached through a link, opens for reading only: it can
   * be viewed, exported and reported, and nothing of it changes. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    GStatBuf st;

    self->read_only = (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode)) ||
                      g_access (path, W_OK) != 0 || g_access (dir, W_OK) != 0;
  }

  if (self->read_only)
    {
      g_autofree char *resolved = realpath (path, NULL);
      g_autofree char *uri = NULL;

      /* immutable: no lock and no journal files in a folder we may not write.
       * A URI path escapes '%', '?' and '#'. */
      {
        g_autofree char *escaped = g_uri_escape_string (resolved != NULL ? resolved : path, "/", FALSE);

        uri = g_strdup_printf ("file:%s?immutable=1", escaped);
      }
      rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);

  if ((!self->read_only && !configure_connection (self, error)) ||
      !query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error))
    return NULL;

  if (app_id != TM_STORE_APPLICATION_ID)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO,
                   _("“%s” is not a Taskmap portfolio: it is a database of another program."),
                   self->display_name);
      return NULL;
    }

  if (version > TM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NEWER,
                   _("“%s” was saved by a newer version of Taskmap. Update Taskmap to open it."),
                   self->display_name);
      return NULL;
    }

  if (version < 1)
    {
      set_damaged (self, error, _("it has no schema version."));
      return NULL;
    }

  {
    g_autoptr(sqlite3_stmt) check = prepare (self, "PRAGMA quick_check", error);
    const char *result;

    if (check == NULL)
      return NULL;
    rc = sqlite3_step (check);
    if (rc != SQLITE_ROW)
      {
        set_sqlite_error (self, error, rc);
        return NULL;
      }
    result = (const char *) sqlite3_column_text (check, 0);
    if (g_strcmp0 (result, "ok") != 0)
      {
        set_damaged (self, error, _("its integrity check failed."));
        return NULL;
      }
  }

  /* Read only, a file is read as it is: one from before version 4 would need
   * the upgrade written first. */
  if (self->read_only && version < 4)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file name */
                   _("“%s” was saved by an older Taskmap and must be upgraded before it can be read, "
                     "but it cannot be written here. Copy it to a folder you can write to and open "
                     "the copy."),
                   self->display_name);
      return NULL;
    }

  if ((!self->read_only &&
       (!enter_wal (self, error) ||
        !migrate (self, version, error) ||
        /* Take the exclusive lock now, not at the first edit. */
        !exec_sql (self, "BEGIN EXCLUSIVE; COMMIT", error))) ||
      !load_meta (self, error) ||
      !load_professions (self, error) ||
      (version >= 5 && !load_staffing (self, error)) ||
      !load_scenarios (self, error) ||
      !load_tasks (self, error) ||
      !load_workshops (self, error) ||
      !load_assessments_and_moves (self, error) ||
      (!self->read_only && !ensure_scenario (self, error)))
    return NULL;

  if (!self->read_only)
    register_open_file (self, path);
  return g_steal_pointer (&self);
}

/* Snapshots */

struct _TmPortfolioSnapshot
{
  sqlite3 *db;
  char    *display_name;
  char    *user_name;
};

TmPortfolioSnapshot *
tm_portfolio_take_snapshot (TmPortfolio  *self,
                            GError      **error)
{
  TmPortfolioSnapshot *snapshot;
  sqlite3_backup *backup;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED, _("“%s” is closed."), self->display_name);
      return NULL;
    }

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      /* Page by page from the open connection: what the file holds now. */
      backup = sqlite3_backup_init (db, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
      else
        rc = sqlite3_errcode (db);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc);
      sqlite3_close_v2 (db);
      return NULL;
    }

  snapshot = g_new0 (TmPortfolioSnapshot, 1);
  snapshot->db = db;
  snapshot->display_name = g_strdup (self->display_name);
  snapshot->user_name = g_strdup (tm_portfolio_get_user_name (self));
  return snapshot;
}

TmPortfolio *
tm_portfolio_snapshot_open (TmPortfolioSnapshot  *snapshot,
                            GError              **error)
{
  g_autoptr(TmPortfolio) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (snapshot->db != NULL, NULL);

  self = portfolio_new_for_file (NULL);
  g_free (self->display_name);
  self->display_name = g_strdup (snapshot->display_name);
  self->user_name = g_strdup (snapshot->user_name);
  self->db = g_steal_pointer (&snapshot->db);
  /* A copy to read (a report, an export); edits would be lost with it. */
  self->read_only = TRUE;
  sqlite3_extended_result_codes (self->db, TRUE);

  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !load_meta (self, error) ||
      !load_professions (self, error) ||
      (version >= 5 && !load_staffing (self, error)) ||
      !load_scenarios (self, error) ||
      !load_tasks (self, error) ||
      !load_workshops (self, error) ||
      !load_assessments_and_moves (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
tm_portfolio_snapshot_free (TmPortfolioSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->db, sqlite3_close_v2);
  g_free (snapshot->display_name);
  g_free (snapshot->user_name);
  g_free (snapshot);
}

TmPortfolio *
tm_portfolio_create (GFile       *file,
                     TmCountry    country,
                     const char  *unit_name,
                     GError     **error)
{
  g_autoptr(TmPortfolio) self = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *header = NULL;
  const TmProfessionRef *refs;
  guint n_refs = 0;
  int rc;

  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail ((guint) country < TM_N_COUNTRIES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = portfolio_new_for_file (file);
  self->country = country;

  if (file != NULL)
    {
      path = g_file_get_path (file);
      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not a local file."), self->display_name);
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                       _("“%s” already exists."), self->display_name);
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path ? path : ":memory:", &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);

  header = g_strdup_printf ("PRAGMA application_id = %d", TM_STORE_APPLICATION_ID);

  /* Identity and schema go into the main file before WAL is switched on, so
   * the file says what it is even if the first session never checkpoints. */
  if (!configure_connection (self, error) ||
      !exec_sql (self, header, error) ||
      !migrate (self, 0, error) ||
      !exec_sql (self, "BEGIN EXCLUSIVE", error))
    goto fail;

  if (!write_meta (self, "unit.country", tm_country_to_id (country), error) ||
      !write_meta (self, "unit.setting", tm_setting_to_id (TM_SETTING_HOSPITAL_WARD), error) ||
      !write_meta (self, "unit.name", unit_name ? unit_name : "", error) ||
      !write_meta (self, "unit.organisation", "", error) ||
      !write_meta (self, "unit.notes", "", error) ||
      !write_meta (self, "portfolio.language", tm_country_get_language (country), error) ||
      !write_meta (self, "created-by", "Taskmap " PACKAGE_VERSION, error) ||
      !exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  g_free (self->unit_name);
  self->unit_name = g_strdup (unit_name ? unit_name : "");
  g_free (self->language);
  self->language = g_strdup (tm_country_get_language (country));

  if (path != NULL && !enter_wal (self, error))
    goto fail;

  refs = tm_profession_ref_list (country, &n_refs);
  changes = g_ptr_array_new ();
  for (guint i = 0; i < n_refs; i++)
    {
      TmChange *change = _tm_change_profession_new (self, refs[i].id, refs[i].name,
                                                    refs[i].name_en, refs[i].authorised,
                                                    refs[i].unskilled, FALSE);
      change->profession.after->builtin = TRUE;
      g_ptr_array_add (changes, change);
    }

  if (!_tm_portfolio_apply (self, "", g_steal_pointer (&changes), error) ||
      !ensure_scenario (self, error))
    goto fail;

  _tm_portfolio_clear_undo (self);
  self->edit_count = 0;
  if (path != NULL)
    register_open_file (self, path);
  return g_steal_pointer (&self);

fail:
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (journal);
    }
  return NULL;
}

void
tm_portfolio_close (TmPortfolio *self)
{
  g_return_if_fail (TM_IS_PORTFOLIO (self));

  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        {
          g_critical ("Closing %s left statements open: %s", self->display_name,
                      sqlite3_errstr (rc));
          sqlite3_close_v2 (self->db);
        }
      self->db = NULL;
    }

  unregister_open_file (self);
}

GFile *
tm_portfolio_get_file (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->file;
}

gboolean
tm_portfolio_save_copy (TmPortfolio  *self,
                        GFile        *dest,
                        GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dest_name = NULL;
  TmAtomicFile *atomic;
  sqlite3 *dest_db = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  /* A portfolio open for reading only is copied too: that is how it becomes
   * one that can be edited. */
  if (self->db == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("“%s” is closed."), self->display_name);
      return FALSE;
    }

  dest_name = g_file_get_basename (dest);
  path = g_file_get_path (dest);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file."), dest_name);
      return FALSE;
    }

  if (self->file != NULL && g_file_equal (self->file, dest))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                   _("“%s” is the open portfolio itself; choose another name for the copy."),
                   dest_name);
      return FALSE;
    }

  {
    g_autofree char *key = file_key_for_path (path);

    if (key != NULL && (file_is_open_here (key) || locked_by_other_process (path)))
      {
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED,
                     _("“%s” is open in a Taskmap window or another program; choose another name "
                       "for the copy."),
                     dest_name);
        return FALSE;
      }
  }

  /* Write beside the target and rename, so a failed copy never leaves half
   * a file, and a file that was there is untouched. */
  atomic = tm_atomic_file_new (dest, error);
  if (atomic == NULL)
    return FALSE;
  g_output_stream_close (tm_atomic_file_get_stream (atomic), NULL, NULL);
  rc = sqlite3_open_v2 (tm_atomic_file_get_temp_path (atomic), &dest_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest_db, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_exec (dest_db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
      else
        rc = sqlite3_errcode (dest_db);
    }

  if (rc != SQLITE_OK)
    {
      int primary = (dest_db ? sqlite3_errcode (dest_db) : rc) & 0xff;

      if (primary == SQLITE_FULL || (rc & 0xff) == SQLITE_FULL)
        {
          g_autoptr(GError) full = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "");

          g_propagate_error (error, tm_atomic_error_for_file (dest, full));
        }
      else
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                     _("Could not save a copy as “%s”: %s."), dest_name,
                     dest_db ? sqlite3_errmsg (dest_db) : sqlite3_errstr (rc));
      sqlite3_close (dest_db);
      {
        g_autofree char *journal = g_strconcat (tm_atomic_file_get_temp_path (atomic), "-journal", NULL);

        g_unlink (journal);
      }
      tm_atomic_file_abort (atomic);
      return FALSE;
    }

  sqlite3_close (dest_db);
  return tm_atomic_file_commit (atomic, error);
}

/* Unit */

TmCountry
tm_portfolio_get_country (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), TM_COUNTRY_DK);
  return self->country;
}

const char *
tm_portfolio_get_unit_name (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->unit_name;
}

const char *
tm_portfolio_get_organisation (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->organisation;
}

TmSetting
tm_portfolio_get_setting (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), TM_SETTING_OTHER);
  return self->setting;
}

const char *
tm_portfolio_get_notes (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->notes;
}

gboolean
tm_portfolio_set_unit (TmPortfolio  *self,
                       const char   *unit_name,
                       const char   *organisation,
                       TmSetting     setting,
                       const char   *notes,
                       GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  return tm_portfolio_set_unit_details (self, unit_name, organisation, setting, notes,
                                        self->language, error);
}

gboolean
tm_portfolio_set_unit_details (TmPortfolio  *self,
                               const char   *unit_name,
                               const char   *organisation,
                               TmSetting     setting,
                               const char   *notes,
                               const char   *language,
                               GError      **error)
{
  GPtrArray *changes;
  TmChange *change;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (g_strcmp0 (unit_name ? unit_name : "", self->unit_name) == 0 &&
      g_strcmp0 (organisation ? organisation : "", self->organisation) == 0 &&
      g_strcmp0 (notes ? notes : "", self->notes) == 0 &&
      setting == self->setting && g_strcmp0 (language, self->language) == 0)
    return TRUE;

  change = _tm_change_unit_new (self, unit_name, organisation, setting, notes);
  _tm_change_unit_set_language (change, language ? language : "");
  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, change);
  return _tm_portfolio_apply (self, _("Edit Unit Details"), changes, error);
}

const char *
tm_portfolio_get_language (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->language;
}

gboolean
tm_portfolio_set_language (TmPortfolio  *self,
                           const char   *language,
                           GError      **error)
{
  GPtrArray *changes;
  TmChange *change;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (g_strcmp0 (language, self->language) == 0)
    return TRUE;

  change = _tm_change_unit_new (self, self->unit_name, self->organisation, self->setting, self->notes);
  _tm_change_unit_set_language (change, language ? language : "");
  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, change);
  return _tm_portfolio_apply (self, _("Change Language"), changes, error);
}

/* Staffing */

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const TmStaffing *
tm_portfolio_get_staffing (TmPortfolio *self,
                           const char  *unit)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return g_hash_table_lookup (self->staffing, unit ? unit : "");
}

GStrv
tm_portfolio_dup_staffing_units (TmPortfolio *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->staffing, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

gboolean
tm_portfolio_set_staffing (TmPortfolio       *self,
                           const TmStaffing  *staffing,
                           const char        *merge_key,
                           GError           **error)
{
  const TmStaffing *current;
  UndoEntry *top;
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (staffing != NULL && staffing->unit != NULL, FALSE);

  if (!validate_staffing (self, staffing, TRUE, error))
    return FALSE;

  current = g_hash_table_lookup (self->staffing, staffing->unit);
  if ((current == NULL && tm_staffing_is_empty (staffing)) || tm_staffing_equal (current, staffing))
    return TRUE;

  top = g_queue_peek_head (&self->undo);

  /* Typing in one field of the staffing is one undo step. */
  if (merge_key != NULL && self->merge_open && top != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 && top->changes->len == 1)
    {
      TmChange *change = g_ptr_array_index (top->changes, 0);

      if (change->kind == CHANGE_STAFFING && g_str_equal (change->id, staffing->unit))
        {
          g_autoptr(GPtrArray) step = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);
          TmStaffing *previous = change->staffing.after;

          g_ptr_array_add (step, _tm_change_staffing_new (self, staffing));
          change->staffing.after = tm_staffing_is_empty (staffing) ? NULL : tm_staffing_copy (staffing);
          if (!commit_changes_full (self, step, TRUE, top, HISTORY_RECORD, error))
            {
              tm_staffing_free (change->staffing.after);
              change->staffing.after = previous;
              return FALSE;
            }
          tm_staffing_free (previous);
          return TRUE;
        }
    }

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_staffing_new (self, staffing));
  if (!_tm_portfolio_apply (self, _("Edit Staffing"), changes, error))
    return FALSE;

  if (merge_key != NULL)
    {
      top = g_queue_peek_head (&self->undo);
      top->merge_key = g_strdup (merge_key);
      self->merge_open = TRUE;
    }
  return TRUE;
}

gboolean
tm_portfolio_set_profession_staffing (TmPortfolio  *self,
                                      const char   *unit,
                                      const char   *profession_id,
                                      double        fte,
                                      double        hours_per_fte,
                                      const char   *merge_key,
                                      GError      **error)
{
  const TmStaffing *current;
  g_autoptr(TmStaffing) staffing = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (profession_id != NULL, FALSE);

  current = tm_portfolio_get_staffing (self, unit);
  staffing = current ? tm_staffing_copy (current) : tm_staffing_new (unit);
  tm_staffing_set (staffing, profession_id, fte, hours_per_fte);
  return tm_portfolio_set_staffing (self, staffing, merge_key, error);
}

gboolean
tm_portfolio_set_shift_hours (TmPortfolio  *self,
                              const char   *unit,
                              double        hours,
                              const char   *merge_key,
                              GError      **error)
{
  const TmStaffing *current;
  g_autoptr(TmStaffing) staffing = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  current = tm_portfolio_get_staffing (self, unit);
  staffing = current ? tm_staffing_copy (current) : tm_staffing_new (unit);
  staffing->shift_hours = hours;
  return tm_portfolio_set_staffing (self, staffing, merge_key, error);
}

/* Professions */

GListModel *
tm_portfolio_get_professions (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->professions);
}

TmProfession *
tm_portfolio_lookup_profession (TmPortfolio *self,
                                const char  *id)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return id ? g_hash_table_lookup (self->professions_by_id, id) : NULL;
}

TmProfession *
tm_portfolio_add_profession (TmPortfolio  *self,
                             const char   *name,
                             const char   *name_en,
                             gboolean      authorised,
                             gboolean      unskilled,
                             GError      **error)
{
  g_autofree char *id = NULL;
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  do
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (id);
      id = g_strconcat ("custom-", uuid, NULL);
    }
  while (g_hash_table_contains (self->professions_by_id, id));

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_profession_new (self, id, name, name_en, authorised,
                                                       unskilled, FALSE));
  if (!_tm_portfolio_apply (self, _("Add Profession"), changes, error))
    return NULL;

  return g_hash_table_lookup (self->professions_by_id, id);
}

gboolean
tm_portfolio_update_profession (TmPortfolio   *self,
                                TmProfession  *profession,
                                const char    *name,
                                const char    *name_en,
                                gboolean       authorised,
                                gboolean       unskilled,
                                gboolean       hidden,
                                GError       **error)
{
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_PROFESSION (profession), FALSE);

  if (g_hash_table_lookup (self->professions_by_id, tm_profession_get_id (profession)) != profession)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("The profession is not part of this portfolio."));
      return FALSE;
    }

  if (g_strcmp0 (name, tm_profession_get_name (profession)) == 0 &&
      g_strcmp0 (name_en ? name_en : "", tm_profession_get_name_en (profession)) == 0 &&
      !!authorised == tm_profession_get_authorised (profession) &&
      !!unskilled == tm_profession_get_unskilled (profession) &&
      !!hidden == tm_profession_get_hidden (profession))
    return TRUE;

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_profession_new (self, tm_profession_get_id (profession),
                                                       name, name_en, authorised, unskilled,
                                                       hidden));
  return _tm_portfolio_apply (self, _("Edit Profession"), changes, error);
}

/* Tasks */

void
tm_portfolio_set_default_performers (TmPortfolio *self,
                                     TmTask      *above,
                                     TmTaskData  *data)
{
  GListModel *tasks;
  guint n;

  g_return_if_fail (TM_IS_PORTFOLIO (self));
  g_return_if_fail (data != NULL);

  tasks = G_LIST_MODEL (self->tasks);
  n = g_list_model_get_n_items (tasks);
  if (above == NULL && n > 0)
    {
      g_autoptr(TmTask) last = g_list_model_get_item (tasks, n - 1);
      const TmTaskData *d = tm_task_peek_data (last);

      if (d->performers->len > 0)
        above = last;
    }

  if (above != NULL && tm_task_peek_data (above)->performers->len > 0)
    {
      const TmTaskData *d = tm_task_peek_data (above);

      for (guint i = 0; i < d->performers->len; i++)
        {
          const TmPerformer *p = &g_array_index (d->performers, TmPerformer, i);

          tm_task_data_set_performer (data, p->profession_id, p->share);
        }
      return;
    }

  /* The unit's most common performer. */
  {
    g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
    const char *best = NULL;
    guint best_n = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
        const TmTaskData *d = tm_task_peek_data (task);

        for (guint j = 0; j < d->performers->len; j++)
          {
            const char *id = g_array_index (d->performers, TmPerformer, j).profession_id;
            guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) + 1;

            /* Borrowed: the task data lives in the portfolio while we count. */
            g_hash_table_insert (counts, (gpointer) id, GUINT_TO_POINTER (c));
            if (c > best_n)
              {
                best_n = c;
                best = id;
              }
          }
      }
    if (best != NULL)
      tm_task_data_set_performer (data, best, 100);
  }
}

GListModel *
tm_portfolio_get_tasks (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->tasks);
}

TmTask *
tm_portfolio_lookup_task (TmPortfolio *self,
                          const char  *uuid)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return uuid ? g_hash_table_lookup (self->tasks_by_uuid, uuid) : NULL;
}

/* g_uuid_string_random() follows g_random, which a caller may have reseeded:
 * never trust a fresh id to be unused. */
static char *
unused_task_uuid (TmPortfolio *self)
{
  char *uuid;

  do
    uuid = g_uuid_string_random ();
  while (g_hash_table_contains (self->tasks_by_uuid, uuid) && (g_free (uuid), TRUE));

  return uuid;
}

static char *
new_task_uuid (TmPortfolio      *self,
               const TmTaskData *data,
               GError          **error)
{
  g_autofree char *lower = NULL;

  if (data->uuid == NULL || *data->uuid == '\0')
    return unused_task_uuid (self);

  if (!g_uuid_string_is_valid (data->uuid))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” is not a valid task id."), data->uuid);
      return NULL;
    }

  lower = g_ascii_strdown (data->uuid, -1);
  if (g_hash_table_contains (self->tasks_by_uuid, lower))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                   _("The portfolio already has a task with the id “%s”."), data->uuid);
      return NULL;
    }

  return g_steal_pointer (&lower);
}

TmTask *
tm_portfolio_add_task (TmPortfolio       *self,
                       const TmTaskData  *data,
                       GError           **error)
{
  g_autofree char *uuid = NULL;
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!tm_task_data_validate (data, error) ||
      !(uuid = new_task_uuid (self, data, error)))
    return NULL;

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, data->modified > 0
                            ? _tm_change_task_new (uuid, NULL, -1, data, _tm_portfolio_get_last_position (self) + 1)
                            : change_task_edited_new (uuid, NULL, -1, data, _tm_portfolio_get_last_position (self) + 1));
  if (!_tm_portfolio_apply (self, _("Add Task"), changes, error))
    return NULL;

  return g_hash_table_lookup (self->tasks_by_uuid, uuid);
}

gboolean
tm_portfolio_add_tasks (TmPortfolio  *self,
                        GPtrArray    *tasks,
                        GError      **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) seen = NULL;
  double position;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (tasks != NULL, FALSE);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  position = _tm_portfolio_get_last_position (self);

  for (guint i = 0; i < tasks->len; i++)
    {
      const TmTaskData *data = g_ptr_array_index (tasks, i);
      g_autofree char *uuid = NULL;

      if (!tm_task_data_validate (data, error) ||
          !(uuid = new_task_uuid (self, data, error)))
        return FALSE;

      while ((data->uuid == NULL || *data->uuid == '\0') && g_hash_table_contains (seen, uuid))
        {
          g_free (uuid);
          uuid = unused_task_uuid (self);
        }

      if (!g_hash_table_add (seen, g_strdup (uuid)))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                       _("The task id “%s” is used twice."), uuid);
          return FALSE;
        }

      position += 1;
      g_ptr_array_add (changes, data->modified > 0
                                ? _tm_change_task_new (uuid, NULL, -1, data, position)
                                : change_task_edited_new (uuid, NULL, -1, data, position));
    }

  g_ptr_array_set_free_func (changes, NULL);
  return _tm_portfolio_apply (self,
                              tasks->len == 1 ? _("Add Task") : _("Add Tasks"),
                              g_steal_pointer (&changes), error);
}

/* Maps a position from before a renumbering to after it, keeping the order of
 * every position, including those of deleted tasks that undo may bring back. */
static double
remap_position (const double *old_pos,
                guint         n,
                double        p)
{
  guint lo = 0, hi = n;

  if (p < 0 || n == 0)
    return p;

  if (p < old_pos[0])
    return 1.0 - 1.0 / (1.0 + (old_pos[0] - p)) ;
  if (p >= old_pos[n - 1])
    return n + 1.0 - 1.0 / (1.0 + (p - old_pos[n - 1]));

  /* The last index with old_pos[i] <= p */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (old_pos[mid] <= p)
        lo = mid;
      else
        hi = mid;
    }

  if (p == old_pos[lo])
    return lo + 1;
  return lo + 1 + (p - old_pos[lo]) / (old_pos[lo + 1] - old_pos[lo]);
}

static void
remap_queue (GQueue       *queue,
             const double *old_pos,
             guint         n)
{
  for (GList *l = queue->head; l; l = l->next)
    {
      UndoEntry *entry = l->data;

      for (guint i = 0; i < entry->changes->len; i++)
        {
          TmChange *change = g_ptr_array_index (entry->changes, i);

          if (change->kind != CHANGE_TASK)
            continue;
          change->task.before_position = remap_position (old_pos, n, change->task.before_position);
          change->task.after_position = remap_position (old_pos, n, change->task.after_position);
        }
    }
}

/* Renumbers every task 1…n when fractional positions run out of precision
 * (after very many inserts at one place). Rarely needed. */
static gboolean
renumber_positions (TmPortfolio  *self,
                    GError      **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  g_autofree double *old_pos = g_new (double, MAX (n, 1));
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "UPDATE tasks SET position = ?1 WHERE uuid = ?2",
                                          error);

  if (stmt == NULL || !exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);

      old_pos[i] = _tm_task_get_position (task);
      sqlite3_reset (stmt);
      sqlite3_bind_double (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, tm_task_get_uuid (task), -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  if (!exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);

      _tm_task_set_position (task, i + 1);
    }

  remap_queue (&self->undo, old_pos, n);
  remap_queue (&self->redo, old_pos, n);
  return TRUE;
}

static gboolean
position_after (TmPortfolio  *self,
                TmTask       *task,
                double       *position,
                GError      **error)
{
  guint index;
  double here, next;
  g_autoptr(TmTask) next_task = NULL;

  if (!find_task_index (self, task, &index))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("The task is not part of this portfolio."));
      return FALSE;
    }

  here = _tm_task_get_position (task);
  next_task = g_list_model_get_item (G_LIST_MODEL (self->tasks), index + 1);
  if (next_task == NULL)
    {
      *position = here + 1;
      return TRUE;
    }

  next = _tm_task_get_position (next_task);
  *position = here + (next - here) / 2;
  if (*position > here && *position < next)
    return TRUE;

  if (!renumber_positions (self, error))
    return FALSE;
  *position = _tm_task_get_position (task) + 0.5;
  return TRUE;
}

TmTask *
tm_portfolio_duplicate_task (TmPortfolio  *self,
                             TmTask       *task,
                             GError      **error)
{
  g_autofree char *uuid = NULL;
  GPtrArray *changes;
  double position;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (TM_IS_TASK (task), NULL);

  if (!position_after (self, task, &position, error))
    return NULL;

  uuid = unused_task_uuid (self);

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, change_task_edited_new (uuid, NULL, -1, tm_task_peek_data (task),
                                                    position));
  if (!_tm_portfolio_apply (self, _("Duplicate Task"), changes, error))
    return NULL;

  return g_hash_table_lookup (self->tasks_by_uuid, uuid);
}

gboolean
tm_portfolio_delete_tasks (TmPortfolio  *self,
                           TmTask      **tasks,
                           guint         n_tasks,
                           GError      **error)
{
  GPtrArray *changes;
  g_autofree char *label = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (tasks != NULL || n_tasks == 0, FALSE);

  if (n_tasks == 0)
    return TRUE;

  changes = g_ptr_array_new ();
  for (guint i = 0; i < n_tasks; i++)
    {
      TmTask *task = tasks[i];

      if (!TM_IS_TASK (task) ||
          g_hash_table_lookup (self->tasks_by_uuid, tm_task_get_uuid (task)) != task)
        {
          g_ptr_array_free (changes, TRUE);
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                               _("The task is not part of this portfolio."));
          return FALSE;
        }

      g_ptr_array_add (changes, _tm_change_task_new (tm_task_get_uuid (task),
                                                     tm_task_peek_data (task),
                                                     _tm_task_get_position (task),
                                                     NULL, -1));
    }

  if (n_tasks == 1)
    /* Translators: %s is a task's title */
    label = g_strdup_printf (_("Delete “%s”"), tm_task_get_title (tasks[0]));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Task", "Delete %u Tasks",
                                          n_tasks), n_tasks);

  return _tm_portfolio_apply (self, label, changes, error);
}

gboolean
tm_portfolio_update_task (TmPortfolio       *self,
                          TmTask            *task,
                          const TmTaskData  *data,
                          const char        *merge_key,
                          GError           **error)
{
  UndoEntry *top;
  GPtrArray *changes;
  double position;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (g_hash_table_lookup (self->tasks_by_uuid, tm_task_get_uuid (task)) != task)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("The task is not part of this portfolio."));
      return FALSE;
    }

  if (!tm_task_data_validate (data, error))
    return FALSE;

  {
    g_autoptr(TmTaskData) compare = tm_task_data_copy (data);

    g_free (compare->uuid);
    compare->uuid = g_strdup (tm_task_get_uuid (task));
    if (tm_task_data_equal (compare, tm_task_peek_data (task)))
      return TRUE;
  }

  position = _tm_task_get_position (task);
  top = g_queue_peek_head (&self->undo);

  /* Typing in one field of one task is one undo step. */
  if (merge_key != NULL && self->merge_open && top != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 && top->changes->len == 1)
    {
      TmChange *change = g_ptr_array_index (top->changes, 0);

      if (change->kind == CHANGE_TASK && g_str_equal (change->id, tm_task_get_uuid (task)) &&
          change->task.before != NULL && change->task.after != NULL)
        {
          g_autoptr(GPtrArray) step = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);

          TmChange *edit = change_task_edited_new (change->id, tm_task_peek_data (task), position,
                                                   data, position);
          gint64 modified = edit->task.after->modified;

          TmTaskData *previous = change->task.after;

          g_ptr_array_add (step, edit);

          /* The step's history says how the field went from before the
           * first keystroke to now, so it is recorded again with the step. */
          change->task.after = tm_task_data_copy (data);
          change->task.after->modified = modified;
          g_clear_pointer (&change->task.after->uuid, g_free);
          if (!commit_changes_full (self, step, TRUE, top, HISTORY_RECORD, error))
            {
              tm_task_data_free (change->task.after);
              change->task.after = previous;
              return FALSE;
            }

          tm_task_data_free (previous);
          return TRUE;
        }
    }

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, change_task_edited_new (tm_task_get_uuid (task), tm_task_peek_data (task),
                                                    position, data, position));
  if (!_tm_portfolio_apply (self, _("Edit Task"), changes, error))
    return FALSE;

  if (merge_key != NULL)
    {
      top = g_queue_peek_head (&self->undo);
      top->merge_key = g_strdup (merge_key);
      self->merge_open = TRUE;
    }

  return TRUE;
}

gboolean
tm_portfolio_update_tasks (TmPortfolio       *self,
                           TmTask           **tasks,
                           TmTaskData       **data,
                           guint              n_tasks,
                           const char        *label,
                           GError           **error)
{
  GPtrArray *changes;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (n_tasks == 0 || (tasks != NULL && data != NULL), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_tasks; i++)
    {
      if (!TM_IS_TASK (tasks[i]) ||
          g_hash_table_lookup (self->tasks_by_uuid, tm_task_get_uuid (tasks[i])) != tasks[i])
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                               _("The task is not part of this portfolio."));
          return FALSE;
        }
      if (!g_hash_table_add (seen, tasks[i]))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                       _("The task id “%s” is used twice."), tm_task_get_uuid (tasks[i]));
          return FALSE;
        }
      if (!tm_task_data_validate (data[i], error))
        {
          /* Translators: "TASK: message" */
          g_prefix_error (error, _("“%s”: "), tm_task_get_title (tasks[i]));
          return FALSE;
        }
    }

  changes = g_ptr_array_new ();
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(TmTaskData) compare = tm_task_data_copy (data[i]);
      double position = _tm_task_get_position (tasks[i]);

      g_free (compare->uuid);
      compare->uuid = g_strdup (tm_task_get_uuid (tasks[i]));
      if (tm_task_data_equal (compare, tm_task_peek_data (tasks[i])))
        continue;
      g_ptr_array_add (changes, change_task_edited_new (tm_task_get_uuid (tasks[i]),
                                                        tm_task_peek_data (tasks[i]), position,
                                                        data[i], position));
    }

  if (changes->len == 0)
    {
      g_ptr_array_free (changes, TRUE);
      return TRUE;
    }

  return _tm_portfolio_apply (self, label, changes, error);
}

/* The distinct non-empty values of one text of the tasks, in order of first
 * appearance. */
static GStrv
dup_distinct (TmPortfolio  *self,
              const char  *(*get) (const TmTaskData *data))
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const char *value = get (tm_task_peek_data (task));

      if (value != NULL && *value != '\0' && g_hash_table_add (seen, (gpointer) value))
        g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static const char *
data_unit (const TmTaskData *data)
{
  return data->unit;
}

static const char *
data_group (const TmTaskData *data)
{
  return data->group;
}

GStrv
tm_portfolio_dup_units (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return dup_distinct (self, data_unit);
}

GStrv
tm_portfolio_dup_groups (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return dup_distinct (self, data_group);
}

/* Scenarios */

GListModel *
tm_portfolio_get_scenarios (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->scenarios);
}

TmScenario *
tm_portfolio_lookup_scenario (TmPortfolio *self,
                              const char  *id)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return id ? g_hash_table_lookup (self->scenarios_by_id, id) : NULL;
}

static char *
new_scenario_id (TmPortfolio *self)
{
  char *id = NULL;

  do
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (id);
      id = g_strconcat ("scenario-", uuid, NULL);
    }
  while (g_hash_table_contains (self->scenarios_by_id, id));

  return id;
}

static gboolean
check_scenario (TmPortfolio  *self,
                TmScenario   *scenario,
                GError      **error)
{
  if (!TM_IS_SCENARIO (scenario) ||
      g_hash_table_lookup (self->scenarios_by_id, tm_scenario_get_id (scenario)) != scenario)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("The scenario is not part of this portfolio."));
      return FALSE;
    }
  return TRUE;
}

TmScenario *
tm_portfolio_add_scenario (TmPortfolio  *self,
                           const char   *name,
                           GError      **error)
{
  g_autofree char *id = NULL;
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  id = new_scenario_id (self);
  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_scenario_new (self, id, name));
  if (!_tm_portfolio_apply (self, _("Add Scenario"), changes, error))
    return NULL;
  return g_hash_table_lookup (self->scenarios_by_id, id);
}

gboolean
tm_portfolio_rename_scenario (TmPortfolio  *self,
                              TmScenario   *scenario,
                              const char   *name,
                              GError      **error)
{
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (!check_scenario (self, scenario, error))
    return FALSE;
  if (g_strcmp0 (name, tm_scenario_get_name (scenario)) == 0)
    return TRUE;

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_scenario_new (self, tm_scenario_get_id (scenario), name));
  return _tm_portfolio_apply (self, _("Rename Scenario"), changes, error);
}

TmScenario *
tm_portfolio_copy_scenario (TmPortfolio  *self,
                            TmScenario   *scenario,
                            const char   *name,
                            GError      **error)
{
  g_autofree char *id = NULL;
  GPtrArray *changes;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (!check_scenario (self, scenario, error))
    return NULL;

  id = new_scenario_id (self);
  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_scenario_new (self, id, name));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmMove *move = tm_task_data_get_move (data, tm_scenario_get_id (scenario));
      g_autoptr(TmTaskData) after = NULL;

      if (move == NULL)
        continue;

      after = tm_task_data_copy (data);
      tm_task_data_set_move (after, id, move);
      if (tm_task_data_get_review (data, tm_scenario_get_id (scenario)) != NULL)
        {
          TmMoveReview review;

          /* The assessment comes along; the new scenario's moves start as proposed. */
          tm_move_review_copy_into (&review, tm_task_data_get_review (data, tm_scenario_get_id (scenario)));
          g_free (review.scenario_id);
          review.scenario_id = g_strdup (id);
          g_array_set_size (review.status_log, 0);
          tm_task_data_set_review (after, &review);
          tm_move_review_clear (&review);
        }
      g_ptr_array_add (changes, _tm_change_task_new (tm_task_get_uuid (task), data,
                                                     _tm_task_get_position (task), after,
                                                     _tm_task_get_position (task)));
    }

  if (!_tm_portfolio_apply (self, _("Copy Scenario"), changes, error))
    return NULL;
  return g_hash_table_lookup (self->scenarios_by_id, id);
}

gboolean
tm_portfolio_delete_scenario (TmPortfolio  *self,
                              TmScenario   *scenario,
                              GError      **error)
{
  const char *id;
  GPtrArray *changes;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (!check_scenario (self, scenario, error))
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)) <= 1)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A portfolio needs at least one scenario."));
      return FALSE;
    }

  id = tm_scenario_get_id (scenario);
  changes = g_ptr_array_new ();

  /* The moves go first, so undo brings the scenario back before its moves. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const TmTaskData *data = tm_task_peek_data (task);
      g_autoptr(TmTaskData) after = NULL;

      if (tm_task_data_get_move (data, id) == NULL && tm_task_data_get_review (data, id) == NULL)
        continue;

      after = tm_task_data_copy (data);
      tm_task_data_set_move (after, id, NULL);
      for (guint j = 0; j < after->reviews->len; j++)
        if (g_strcmp0 (g_array_index (after->reviews, TmMoveReview, j).scenario_id, id) == 0)
          {
            g_array_remove_index (after->reviews, j);
            break;
          }
      g_ptr_array_add (changes, _tm_change_task_new (tm_task_get_uuid (task), data,
                                                     _tm_task_get_position (task), after,
                                                     _tm_task_get_position (task)));
    }

  g_ptr_array_add (changes, change_scenario_new (self, id, NULL, TRUE));
  return _tm_portfolio_apply (self, _("Delete Scenario"), changes, error);
}

const char *
tm_portfolio_get_user_name (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (self->user_name == NULL)
    {
      const char *real = g_get_real_name ();

      self->user_name = g_strdup (real && *real && !g_str_equal (real, "Unknown")
                                  ? real : g_get_user_name ());
    }
  return self->user_name;
}

void
tm_portfolio_set_user_name (TmPortfolio *self,
                            const char  *name)
{
  g_return_if_fail (TM_IS_PORTFOLIO (self));

  g_free (self->user_name);
  self->user_name = name && *name ? g_strdup (name) : NULL;
}

gboolean
tm_portfolio_set_review (TmPortfolio         *self,
                         TmTask              *task,
                         const TmMoveReview  *review,
                         const char          *merge_key,
                         GError             **error)
{
  g_autoptr(TmTaskData) data = NULL;
  const TmMoveReview *current;
  TmMoveReview copy;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (review != NULL && review->scenario_id != NULL, FALSE);

  if (tm_portfolio_lookup_scenario (self, review->scenario_id) == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("The portfolio has no scenario with the id “%s”."), review->scenario_id);
      return FALSE;
    }

  data = tm_task_dup_data (task);
  current = tm_task_data_get_review (data, review->scenario_id);

  /* The status history changes only through tm_portfolio_set_move_status(). */
  tm_move_review_copy_into (&copy, review);
  g_array_set_size (copy.status_log, 0);
  if (current != NULL)
    {
      for (guint i = 0; i < current->status_log->len; i++)
        {
          const TmStatusChange *c = &g_array_index (current->status_log, TmStatusChange, i);
          TmStatusChange keep = { c->status, c->when, g_strdup (c->who), g_strdup (c->note), c->n_open };

          g_array_append_val (copy.status_log, keep);
        }
    }
  tm_task_data_set_review (data, &copy);
  tm_move_review_clear (&copy);
  return tm_portfolio_update_task (self, task, data, merge_key, error);
}

gboolean
tm_portfolio_set_move_status (TmPortfolio   *self,
                              TmTask        *task,
                              const char    *scenario_id,
                              TmMoveStatus   status,
                              const char    *note,
                              gboolean       confirmed,
                              GError       **error)
{
  g_autoptr(TmTaskData) data = NULL;
  const TmMoveReview *current;
  TmMoveReview review;
  TmMoveStatus from;
  TmStatusChange change = { 0 };
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);
  g_return_val_if_fail (status < TM_N_STATUSES, FALSE);

  data = tm_task_dup_data (task);
  if (tm_task_data_get_move (data, scenario_id) == NULL)
    {
      /* Translators: %s is a task's title */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” has no move in this scenario, so it has no status."),
                   tm_task_get_title (task));
      return FALSE;
    }

  current = tm_task_data_get_review (data, scenario_id);
  if (current != NULL)
    tm_move_review_copy_into (&review, current);
  else
    tm_move_review_init (&review, scenario_id);

  from = tm_move_review_get_status (&review);
  if (!tm_move_status_can_change (from, status, tm_move_review_get_reached (&review)))
    {
      TmCountry country = tm_portfolio_get_country (self);

      /* Translators: the first %s is a move's status, the second another status */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("A move cannot go from “%s” to “%s”."),
                   tm_move_status_get_label (from, country), tm_move_status_get_label (status, country));
      tm_move_review_clear (&review);
      return FALSE;
    }

  change.n_open = tm_move_review_count_open (&review);
  if (status == TM_STATUS_APPROVED && change.n_open > 0 && !confirmed)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NEEDS_CONFIRMATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u item of the checklist has not yet been considered.",
                                "%u items of the checklist have not yet been considered.",
                                change.n_open),
                   change.n_open);
      tm_move_review_clear (&review);
      return FALSE;
    }
  if (status != TM_STATUS_APPROVED)
    change.n_open = 0;

  change.status = status;
  change.when = _tm_now ();
  change.who = g_strdup (tm_portfolio_get_user_name (self));
  change.note = note && *note ? g_strdup (note) : NULL;
  g_array_append_val (review.status_log, change);

  tm_task_data_set_review (data, &review);
  tm_move_review_clear (&review);
  ok = tm_portfolio_update_task (self, task, data, NULL, error);
  return ok;
}

static TmHistoryEntry *
history_entry_copy (const TmHistoryEntry *e)
{
  return history_entry_new (e->when, e->who, e->task_uuid, e->task_title, e->scenario_id,
                            e->profession_id, e->field, e->old_value, e->new_value);
}

TmChange *
_tm_change_history_new (GPtrArray *entries)
{
  TmChange *change = g_new0 (TmChange, 1);

  change->kind = CHANGE_HISTORY;
  change->history.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    g_ptr_array_add (change->history.entries, history_entry_copy (g_ptr_array_index (entries, i)));
  change->history.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return change;
}

TmChange *
_tm_change_workshop_new (TmPortfolio          *portfolio,
                         const char           *id,
                         const TmWorkshopData *after)
{
  TmChange *change = g_new0 (TmChange, 1);
  TmWorkshop *existing = g_hash_table_lookup (portfolio->workshops_by_id, id);

  change->kind = CHANGE_WORKSHOP;
  change->id = g_strdup (id);
  change->workshop.before = existing ? tm_workshop_data_copy (tm_workshop_peek_data (existing)) : NULL;
  change->workshop.after = after ? tm_workshop_data_copy (after) : NULL;
  if (change->workshop.after != NULL)
    {
      g_free (change->workshop.after->id);
      change->workshop.after->id = g_strdup (id);
    }
  change->workshop.position = existing ? _tm_workshop_get_position (existing)
                                       : ++portfolio->workshop_position;
  return change;
}

TmChange *
_tm_change_committee_new (TmPortfolio *portfolio,
                          const char  *last_meeting)
{
  TmChange *change = _tm_change_unit_new (portfolio, portfolio->unit_name, portfolio->organisation,
                                          portfolio->setting, portfolio->notes);

  g_free (change->unit.after->last_meeting);
  change->unit.after->last_meeting = g_strdup (last_meeting ? last_meeting : "");
  return change;
}

void
_tm_change_unit_set_last_meeting (TmChange   *change,
                                  const char *last_meeting)
{
  g_return_if_fail (change != NULL && change->kind == CHANGE_UNIT);

  g_free (change->unit.after->last_meeting);
  change->unit.after->last_meeting = g_strdup (last_meeting ? last_meeting : "");
}

GListModel *
tm_portfolio_get_workshops (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->workshops);
}

TmWorkshop *
tm_portfolio_lookup_workshop (TmPortfolio *self,
                              const char  *id)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return id ? g_hash_table_lookup (self->workshops_by_id, id) : NULL;
}

static gboolean
check_workshop (TmPortfolio  *self,
                TmWorkshop   *workshop,
                GError      **error)
{
  if (!TM_IS_WORKSHOP (workshop) ||
      g_hash_table_lookup (self->workshops_by_id, tm_workshop_get_id (workshop)) != workshop)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("The workshop is not part of this portfolio."));
      return FALSE;
    }
  return TRUE;
}

TmWorkshop *
tm_portfolio_add_workshop (TmPortfolio           *self,
                           const TmWorkshopData  *data,
                           GError               **error)
{
  g_autofree char *id = NULL;
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!tm_workshop_data_validate (data, error))
    return NULL;

  if (data->id != NULL && *data->id != '\0')
    {
      if (g_hash_table_contains (self->workshops_by_id, data->id))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                       _("The portfolio already has a workshop with the id “%s”."), data->id);
          return NULL;
        }
      id = g_strdup (data->id);
    }
  else
    {
      do
        {
          g_autofree char *uuid = g_uuid_string_random ();

          g_free (id);
          id = g_strconcat ("workshop-", uuid, NULL);
        }
      while (g_hash_table_contains (self->workshops_by_id, id));
    }

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_workshop_new (self, id, data));
  if (!_tm_portfolio_apply (self, _("Add Workshop"), changes, error))
    return NULL;
  return g_hash_table_lookup (self->workshops_by_id, id);
}

gboolean
tm_portfolio_update_workshop (TmPortfolio           *self,
                              TmWorkshop            *workshop,
                              const TmWorkshopData  *data,
                              const char            *merge_key,
                              GError               **error)
{
  UndoEntry *top;
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!check_workshop (self, workshop, error) || !tm_workshop_data_validate (data, error))
    return FALSE;
  if (tm_workshop_data_equal (data, tm_workshop_peek_data (workshop)))
    return TRUE;

  /* Typing in one field of a workshop is one undo step. */
  top = g_queue_peek_head (&self->undo);
  if (merge_key != NULL && self->merge_open && top != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 && top->changes->len == 1)
    {
      TmChange *change = g_ptr_array_index (top->changes, 0);

      if (change->kind == CHANGE_WORKSHOP && g_str_equal (change->id, tm_workshop_get_id (workshop)) &&
          change->workshop.before != NULL && change->workshop.after != NULL)
        {
          g_autoptr(GPtrArray) step = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);
          TmWorkshopData *previous = change->workshop.after;

          g_ptr_array_add (step, _tm_change_workshop_new (self, change->id, data));
          change->workshop.after = tm_workshop_data_copy (data);
          g_free (change->workshop.after->id);
          change->workshop.after->id = g_strdup (change->id);
          if (!commit_changes_full (self, step, TRUE, top, HISTORY_RECORD, error))
            {
              tm_workshop_data_free (change->workshop.after);
              change->workshop.after = previous;
              return FALSE;
            }
          tm_workshop_data_free (previous);
          return TRUE;
        }
    }

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_workshop_new (self, tm_workshop_get_id (workshop), data));
  if (!_tm_portfolio_apply (self, _("Edit Workshop"), changes, error))
    return FALSE;

  if (merge_key != NULL)
    {
      top = g_queue_peek_head (&self->undo);
      top->merge_key = g_strdup (merge_key);
      self->merge_open = TRUE;
    }
  return TRUE;
}

gboolean
tm_portfolio_delete_workshop (TmPortfolio  *self,
                              TmWorkshop   *workshop,
                              GError      **error)
{
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (!check_workshop (self, workshop, error))
    return FALSE;

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_workshop_new (self, tm_workshop_get_id (workshop), NULL));
  return _tm_portfolio_apply (self, _("Delete Workshop"), changes, error);
}

const char *
tm_portfolio_get_last_committee_meeting (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->last_meeting ? self->last_meeting : "";
}

gboolean
tm_portfolio_set_last_committee_meeting (TmPortfolio  *self,
                                         const char   *date,
                                         GError      **error)
{
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (g_strcmp0 (date ? date : "", tm_portfolio_get_last_committee_meeting (self)) == 0)
    return TRUE;

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_committee_new (self, date));
  return _tm_portfolio_apply (self, _("Set Committee Meeting"), changes, error);
}

GPtrArray *
tm_portfolio_dup_history (TmPortfolio *self,
                          const char  *task_uuid,
                          const char  *scenario_id,
                          gint64       since)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (self->db == NULL)
    return g_steal_pointer (&out);

  stmt = prepare (self,
                  "SELECT time, who, task_uuid, task_title, scenario_id, profession_id, field, old, new"
                  " FROM history WHERE (?1 IS NULL OR task_uuid = ?1) AND (?2 IS NULL OR scenario_id = ?2)"
                  " AND time >= ?3 ORDER BY time, id", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the history: %s", error->message);
      return g_steal_pointer (&out);
    }
  if (task_uuid != NULL)
    sqlite3_bind_text (stmt, 1, task_uuid, -1, SQLITE_STATIC);
  if (scenario_id != NULL)
    sqlite3_bind_text (stmt, 2, scenario_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, since);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
#define C(i) ((const char *) sqlite3_column_text (stmt, (i)))
      g_ptr_array_add (out, history_entry_new (sqlite3_column_int64 (stmt, 0), C (1), C (2), C (3),
                                               C (4), C (5), C (6), C (7), C (8)));
#undef C
    }
  if (rc != SQLITE_DONE)
    g_warning ("Could not read the history: %s", sqlite3_errmsg (self->db));

  return g_steal_pointer (&out);
}

gboolean
tm_portfolio_set_assessment (TmPortfolio         *self,
                             TmTask              *task,
                             const TmAssessment  *assessment,
                             const char          *merge_key,
                             GError             **error)
{
  g_autoptr(TmTaskData) data = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (assessment != NULL, FALSE);

  if (tm_portfolio_lookup_profession (self, assessment->profession_id) == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("The portfolio has no profession with the id “%s”."),
                   assessment->profession_id);
      return FALSE;
    }

  data = tm_task_dup_data (task);
  tm_task_data_set_assessment (data, assessment);
  return tm_portfolio_update_task (self, task, data, merge_key, error);
}

gboolean
tm_portfolio_set_move (TmPortfolio   *self,
                       TmTask        *task,
                       const char    *scenario_id,
                       const TmMove  *move,
                       GError       **error)
{
  g_autoptr(TmTaskData) data = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);

  if (tm_portfolio_lookup_scenario (self, scenario_id) == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("The portfolio has no scenario with the id “%s”."), scenario_id);
      return FALSE;
    }

  data = tm_task_dup_data (task);
  tm_task_data_set_move (data, scenario_id, move);
  return tm_portfolio_update_task (self, task, data, NULL, error);
}

/* Undo */

gboolean
tm_portfolio_can_undo (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
tm_portfolio_can_redo (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

const char *
tm_portfolio_get_undo_label (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->undo_label;
}

const char *
tm_portfolio_get_redo_label (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->redo_label;
}

static gboolean
undo_redo (TmPortfolio  *self,
           GQueue       *from,
           GQueue       *to,
           gboolean      forward,
           GError      **error)
{
  UndoEntry *entry = g_queue_peek_head (from);

  if (entry == NULL)
    return TRUE;

  self->merge_open = FALSE;

  if (!commit_changes_full (self, entry->changes, forward, entry,
                            forward ? HISTORY_RESTORE : HISTORY_REMOVE, error))
    return FALSE;

  g_queue_pop_head (from);
  g_clear_pointer (&entry->merge_key, g_free);
  g_queue_push_head (to, entry);
  update_undo_state (self);
  return TRUE;
}

gboolean
tm_portfolio_undo (TmPortfolio  *self,
                   GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return undo_redo (self, &self->undo, &self->redo, FALSE, error);
}

gboolean
tm_portfolio_redo (TmPortfolio  *self,
                   GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return undo_redo (self, &self->redo, &self->undo, TRUE, error);
}

void
tm_portfolio_break_undo_merge (TmPortfolio *self)
{
  g_return_if_fail (TM_IS_PORTFOLIO (self));
  self->merge_open = FALSE;
}

guint64
tm_portfolio_get_edit_count (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), 0);
  return self->edit_count;
}
