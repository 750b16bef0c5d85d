/* tm-xml-document-private.h
 * A portfolio file read and checked, but not yet applied: shared by the
 * import, the merge of a file into a portfolio and the regional merge.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"
#include "store/tm-portfolio-private.h"

G_BEGIN_DECLS

typedef struct _TmXmlDocument TmXmlDocument;

/* Parses @data, refuses what the format forbids and checks it against the
 * schema; the tasks' ids come back in lower case. Messages name @display_name. */
TmXmlDocument *_tm_xml_document_read            (const char     *data,
                                                 gsize           length,
                                                 const char     *display_name,
                                                 GError        **error);
void           _tm_xml_document_free            (TmXmlDocument  *doc);
const char    *_tm_xml_document_get_display_name (TmXmlDocument *doc);
/* Of TmTaskData, in the file's order; the caller may change them. */
GPtrArray     *_tm_xml_document_get_tasks       (TmXmlDocument  *doc);
/* The tasks, taken out of @doc (which keeps an empty array). */
GPtrArray     *_tm_xml_document_steal_tasks     (TmXmlDocument  *doc);
/* Of TmStaffing, one per unit ("" for the file's own unit). */
GPtrArray     *_tm_xml_document_get_staffing    (TmXmlDocument  *doc);
/* The file's unit name, or NULL when it has no unit element. */
const char    *_tm_xml_document_get_unit_name   (TmXmlDocument  *doc);
/* "FILE:LINE:COLUMN: @message" at the file's task number @task. */
void           _tm_xml_document_set_task_error  (TmXmlDocument  *doc,
                                                 guint           task,
                                                 const char     *message,
                                                 GError        **error);
/* Checks the tasks' references to professions and scenarios against
 * @portfolio, the file and @pending (nullable: "p:ID" and "s:ID" added by
 * files prepared before in the same merge, updated here), and appends to
 * @changes (of TmChange) the professions and scenarios the file adds; into
 * an empty portfolio the file's names win, and with @take_unit its unit's
 * details come along. The file's history entries that @known_history (from
 * _tm_xml_history_counts_new_empty(), updated here; NULL: the portfolio's own)
 * does not hold as often are added. */
gboolean       _tm_xml_document_prepare         (TmXmlDocument  *doc,
                                                 TmPortfolio    *portfolio,
                                                 gboolean        into_empty,
                                                 gboolean        take_unit,
                                                 GHashTable     *pending,
                                                 GHashTable     *known_history,
                                                 GPtrArray      *changes,
                                                 GError        **error);
/* _tm_xml_document_prepare() in steps, for a window that draws meanwhile:
 * each step checks tasks until @deadline (monotonic µs; G_MAXINT64: to the
 * end) and sets @done after the last. @doc, @portfolio, @pending,
 * @known_history and @changes are borrowed until it is freed. */
typedef struct _TmXmlPrepare TmXmlPrepare;

TmXmlPrepare  *_tm_xml_prepare_new              (TmXmlDocument  *doc,
                                                 TmPortfolio    *portfolio,
                                                 gboolean        into_empty,
                                                 gboolean        take_unit,
                                                 GHashTable     *pending,
                                                 GHashTable     *known_history,
                                                 GPtrArray      *changes);
gboolean       _tm_xml_prepare_step             (TmXmlPrepare   *prep,
                                                 gint64          deadline,
                                                 gboolean       *done,
                                                 GError        **error);
double         _tm_xml_prepare_get_fraction     (TmXmlPrepare   *prep);
void           _tm_xml_prepare_free             (TmXmlPrepare   *prep);
/* How often each entry of a portfolio's history occurs, for
 * _tm_xml_document_prepare() (so that many files merged in one go read the
 * portfolio's history once), built in steps: an empty table, and @entries
 * (of TmHistoryEntry) counted into it as a cursor reads them
 * (_tm_history_cursor_step()). */
GHashTable    *_tm_xml_history_counts_new_empty (void);
void           _tm_xml_history_counts_add       (GHashTable     *counts,
                                                 GPtrArray      *entries);
/* Reads @cursor into @counts until @deadline, a block of entries at a time;
 * TRUE once all are read (@cursor then freed and NULL). */
gboolean       _tm_xml_history_counts_read      (GHashTable     *counts,
                                                 TmHistoryCursor **cursor,
                                                 gint64          deadline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmXmlDocument, _tm_xml_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmXmlPrepare, _tm_xml_prepare_free)

G_END_DECLS
