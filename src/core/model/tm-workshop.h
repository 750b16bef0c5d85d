/* tm-workshop.h
 * A workshop where staff assessed tasks and agreed moves; and an entry in
 * the history of changes.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"

G_BEGIN_DECLS

typedef struct {
  char  *profession_id;
  guint  count;             /* how many of that profession took part */
} TmParticipants;

typedef struct {
  char *task_uuid;
  char *scenario_id;
} TmMoveRef;

/* A workshop, as plain data. Participants are counted by profession; their
 * names are optional (they are personal data) and kept in one text. */
typedef struct {
  char    *id;               /* NULL in a new workshop: the portfolio assigns one */
  char    *date;             /* "YYYY-MM-DD" */
  char    *title;            /* e.g. "Workshop 2: the morning tasks" */
  char    *facilitator;
  char    *names;            /* optional: the participants' names */
  char    *decisions;        /* what was decided, in words */
  GArray  *participants;     /* of TmParticipants, never NULL */
  GArray  *moves;            /* of TmMoveRef: the moves decided there, never NULL */
} TmWorkshopData;

TmWorkshopData *tm_workshop_data_new   (void);
TmWorkshopData *tm_workshop_data_copy  (const TmWorkshopData *data);
void            tm_workshop_data_free  (TmWorkshopData       *data);
gboolean        tm_workshop_data_equal (const TmWorkshopData *a,
                                        const TmWorkshopData *b);
/* Total participants. */
guint           tm_workshop_data_count_participants (const TmWorkshopData *data);
void            tm_workshop_data_set_participants   (TmWorkshopData *data,
                                                     const char     *profession_id,
                                                     guint           count);
/* Links (or with @linked FALSE unlinks) a move. */
void            tm_workshop_data_link_move          (TmWorkshopData *data,
                                                     const char     *task_uuid,
                                                     const char     *scenario_id,
                                                     gboolean        linked);
gboolean        tm_workshop_data_has_move           (const TmWorkshopData *data,
                                                     const char     *task_uuid,
                                                     const char     *scenario_id);
/* Checks a date (a real YYYY-MM-DD) and the texts; translated message. */
gboolean        tm_workshop_data_validate (const TmWorkshopData *data,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmWorkshopData, tm_workshop_data_free)

#define TM_TYPE_WORKSHOP (tm_workshop_get_type ())
G_DECLARE_FINAL_TYPE (TmWorkshop, tm_workshop, TM, WORKSHOP, GObject)

/* Read-only: change through tm_portfolio_update_workshop(). Properties "id",
 * "date", "title" notify. */
const char           *tm_workshop_get_id    (TmWorkshop *self);
const char           *tm_workshop_get_date  (TmWorkshop *self);
const char           *tm_workshop_get_title (TmWorkshop *self);
const TmWorkshopData *tm_workshop_peek_data (TmWorkshop *self);

/* One change recorded in the history. Values are stored as the file holds
 * them (ids for levels, statuses and so on; numbers with a decimal point);
 * tm_history_entry_format_value() gives them in the user's language. */
typedef struct {
  gint64  when;              /* seconds since 1970 UTC */
  char   *who;
  char   *task_uuid;         /* NULL for a change to a workshop or the unit */
  char   *task_title;        /* the task's title at the change */
  char   *scenario_id;       /* for a change to a move or its review */
  char   *profession_id;     /* for a change to an assessment */
  char   *field;             /* what changed: "title", "level", "assessment.suitability",
                              * "move", "review.status", "review.check.barriers", "task" (added or
                              * deleted: old or new is empty), ... */
  char   *old_value;         /* "" when there was none */
  char   *new_value;
} TmHistoryEntry;

void        tm_history_entry_free         (TmHistoryEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmHistoryEntry, tm_history_entry_free)

G_END_DECLS
