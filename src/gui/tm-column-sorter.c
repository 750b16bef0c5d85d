/* tm-column-sorter.c
 * A column's sorter that only says which column the user sorts by: the list
 * itself is sorted by TmTaskView, in a worker thread.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-column-sorter"

#include "config.h"

#include "tm-column-sorter.h"

struct _TmColumnSorter
{
  GtkSorter  parent_instance;

  TmTaskSort sort;
};

G_DEFINE_FINAL_TYPE (TmColumnSorter, tm_column_sorter, GTK_TYPE_SORTER)

/* While probing: the first column consulted, and what it answers. */
static TmColumnSorter *probe_first;
static GtkOrdering     probe_answer = GTK_ORDERING_EQUAL;

static GtkOrdering
tm_column_sorter_compare (GtkSorter *sorter,
                          gpointer   a,
                          gpointer   b)
{
  TmColumnSorter *self = TM_COLUMN_SORTER (sorter);

  if (probe_first == NULL)
    probe_first = self;
  return self == probe_first ? probe_answer : GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
tm_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
tm_column_sorter_class_init (TmColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = tm_column_sorter_compare;
  sorter_class->get_order = tm_column_sorter_get_order;
}

static void
tm_column_sorter_init (TmColumnSorter *self)
{
}

GtkSorter *
tm_column_sorter_new (TmTaskSort sort)
{
  TmColumnSorter *self = g_object_new (TM_TYPE_COLUMN_SORTER, NULL);

  self->sort = sort;
  return GTK_SORTER (self);
}

TmTaskSort
tm_column_sorter_probe (GtkSorter *view_sorter,
                        gboolean  *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  TmTaskSort sort = TM_TASK_SORT_NONE;
  GtkOrdering ordering;

  *descending = FALSE;

  /* Which column is consulted first … */
  probe_first = NULL;
  probe_answer = GTK_ORDERING_EQUAL;
  gtk_sorter_compare (view_sorter, a, b);
  if (probe_first == NULL)
    return TM_TASK_SORT_NONE;
  sort = probe_first->sort;

  /* … and whether its "smaller" comes out turned round. */
  probe_answer = GTK_ORDERING_SMALLER;
  ordering = gtk_sorter_compare (view_sorter, a, b);
  *descending = ordering == GTK_ORDERING_LARGER;

  probe_first = NULL;
  probe_answer = GTK_ORDERING_EQUAL;
  return sort;
}
