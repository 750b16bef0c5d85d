/* tm-store-private.h
 * What the files of the portfolio (tm-portfolio.c, tm-store-sql.c,
 * tm-change.c, tm-history.c, tm-portfolio-file.c) share: the object's
 * struct, a change as data, and the functions they call in each other.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "store/tm-portfolio.h"
#include "store/tm-portfolio-private.h"
#include "model/tm-task-private.h"
#include "model/tm-workshop.h"

G_BEGIN_DECLS

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
      TmProfessionState *before;
      TmProfessionState *after;
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
  GHashTable  *statements;          /* SQL literal's address → sqlite3_stmt, the write path's, kept prepared */
  GHashTable  *rows_seen;           /* while changes are written: query → the ids it found, see row_exists() */
  char        *last_meeting;
  GListStore  *workshops;
  GHashTable  *workshops_by_id;     /* id → TmWorkshop (borrowed from the store) */
  gint64       workshop_position;   /* the largest position given so far */
  GHashTable  *staffing;            /* unit ("" own) → TmStaffing, only units with some */
  char        *language;            /* "da", "nb" or "en" */
  gboolean     read_only;           /* opened for reading only (tm_portfolio_is_read_only()) */
  TmProgressFunc progress;          /* while a snapshot opens */
  gpointer     progress_data;
  gboolean     committing;          /* a commit is under way (in steps: _tm_portfolio_apply_begin()) */
};

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

extern GParamSpec *_tm_portfolio_properties[N_PROPS];
extern guint _tm_portfolio_signals[N_SIGNALS];

/* tm-store-sql.c */
gboolean _tm_store_configure_connection (TmPortfolio  *self,
                                         GError      **error);
gboolean _tm_store_enter_wal (TmPortfolio  *self,
                              GError      **error);
gboolean _tm_store_exec_sql (TmPortfolio  *self,
                             const char   *sql,
                             GError      **error);
gboolean _tm_store_load_assessments_and_moves (TmPortfolio  *self,
                                               GError      **error);
gboolean _tm_store_load_meta (TmPortfolio  *self,
                              GError      **error);
gboolean _tm_store_load_professions (TmPortfolio  *self,
                                     GError      **error);
gboolean _tm_store_load_scenarios (TmPortfolio  *self,
                                   GError      **error);
gboolean _tm_store_load_staffing (TmPortfolio  *self,
                                  GError      **error);
gboolean _tm_store_load_tasks (TmPortfolio  *self,
                               GError      **error);
gboolean _tm_store_load_workshops (TmPortfolio  *self,
                                   GError      **error);
gboolean _tm_store_migrate (TmPortfolio  *self,
                            gint64        from_version,
                            GError      **error);
sqlite3_stmt *_tm_store_prepare (TmPortfolio  *self,
                                 const char   *sql,
                                 GError      **error);
gboolean _tm_store_query_int (TmPortfolio  *self,
                              const char   *sql,
                              gint64       *value,
                              GError      **error);
void _tm_store_set_damaged (TmPortfolio  *self,
                            GError      **error,
                            const char   *what);
void _tm_store_set_sqlite_error (TmPortfolio  *self,
                                 GError      **error,
                                 int           rc);
gboolean _tm_store_step_done (TmPortfolio   *self,
                              sqlite3_stmt  *stmt,
                              GError       **error);
gboolean _tm_store_validate_staffing (TmPortfolio       *self,
                                      const TmStaffing  *state,
                                      gboolean           check_professions,
                                      GError           **error);
void     _tm_store_begin_rows_seen (TmPortfolio *self);
void     _tm_store_end_rows_seen   (TmPortfolio *self);
gboolean _tm_store_write_change (TmPortfolio  *self,
                                 TmChange     *change,
                                 gboolean      forward,
                                 GError      **error);
gboolean _tm_store_write_meta (TmPortfolio  *self,
                               const char   *key,
                               const char   *value,
                               GError      **error);

/* tm-change.c */
void _tm_store_apply_workshop_to_memory (TmPortfolio          *self,
                                         const char           *id,
                                         const TmWorkshopData *target,
                                         gint64                position);
TmChange *_tm_store_change_scenario_new (TmPortfolio *portfolio,
                                         const char  *id,
                                         const char  *name,
                                         gboolean     delete);
TmChange *_tm_store_change_task_edited_new (const char       *uuid,
                                            const TmTaskData *before,
                                            double            before_position,
                                            const TmTaskData *after,
                                            double            after_position);
void _tm_store_clear_queue (GQueue *queue);
gboolean _tm_store_commit_changes_full (TmPortfolio  *self,
                                        GPtrArray    *changes,
                                        gboolean      forward,
                                        UndoEntry    *entry,
                                        HistoryOp     op,
                                        GError      **error);
gboolean _tm_store_find_task_index (TmPortfolio *self,
                                    TmTask      *task,
                                    guint       *index);
void _tm_store_update_performed_by (TmPortfolio *self,
                                    TmTask      *task);

/* tm-history.c */
gboolean _tm_store_delete_history (TmPortfolio  *self,
                                   GArray       *ids,
                                   GError      **error);
/* The entries that describe @changes [@from, @to), made at @when, appended to @out. */
void       _tm_store_history_describe     (TmPortfolio *self,
                                           GPtrArray   *changes,
                                           guint        from,
                                           guint        to,
                                           gint64       when,
                                           GPtrArray   *out);
/* Inserts @entries [@from, @to) (or deletes @ids [@from, @to), keeping the
 * ids: the caller forgets them once committed): a long history written in
 * parts, see commit_step(). */
gboolean _tm_store_insert_history_range (TmPortfolio  *self,
                                         GPtrArray    *entries,
                                         guint         from,
                                         guint         to,
                                         GArray       *ids,
                                         GError      **error);
gboolean _tm_store_delete_history_range (TmPortfolio  *self,
                                         GArray       *ids,
                                         guint         from,
                                         guint         to,
                                         GError      **error);
gboolean _tm_store_insert_history (TmPortfolio  *self,
                                   GPtrArray    *entries,
                                   GArray       *ids,
                                   GError      **error);

G_END_DECLS
