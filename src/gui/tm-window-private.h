/* tm-window-private.h
 * What the window's files (tm-window.c, -pages.c, -actions.c, -files.c)
 * share: its struct and the functions they call in each other; and accessors
 * for the UI tests.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tm-window.h"
#include "dialogs/tm-professions-dialog.h"
#include "tm-scenario-bar.h"
#include "views/tm-matrix-view.h"
#include "tm-assessment-pane.h"
#include "views/tm-chart-view.h"
#include "tm-scenario-summary.h"
#include "render/tm-draw.h"
#include "exchange/tm-csv.h"
#include "exchange/tm-xml.h"
#include "exchange/tm-xlsx.h"
#include "exchange/tm-merge.h"
#include "dialogs/tm-import-dialog.h"
#include "dialogs/tm-merge-dialog.h"
#include "render/tm-report.h"
#include "dialogs/tm-workshops-dialog.h"
#include "dialogs/tm-history-dialog.h"
#include "dialogs/tm-unit-dialog.h"
#include "tm-cell-editor.h"
#include "tm-column-sorter.h"
#include "store/tm-task-view.h"
#include "views/tm-move-board.h"
#include "dialogs/tm-move-dialog.h"
#include "dialogs/tm-report-dialog.h"
#include "tm-task-editor.h"
#include "tm-summary-bar.h"

G_BEGIN_DECLS

/* How long the "deleted" notification stays. */
#define TOAST_TIMEOUT_SECONDS 5
#define MAX_RECENT_FILES      10

/* Long work in steps with the busy bar (tm-window-busy.c). */
typedef struct _TmBusyWork TmBusyWork;

struct _TmWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *add_task_button;
  GtkWidget            *undo_box;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkToggleButton      *search_button;
  GtkWidget            *presentation_button;
  GtkWidget            *header_bar;       /* the titlebar: GtkWindow owns it, not the template */
  GtkWidget            *leave_presentation_button;
  GtkWidget            *editor_button;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkRevealer          *toast_revealer;
  GtkLabel             *toast_label;
  GtkButton            *toast_undo_button;
  GtkButton            *toast_open_button;
  GtkRevealer          *busy_revealer;
  GtkLabel             *busy_label;
  GtkProgressBar       *busy_progress;
  GtkWidget            *busy_cancel_button;
  GtkStack             *stack;
  GtkImage             *welcome_icon;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkEntry             *quick_entry;
  GtkRevealer          *filter_revealer;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *level_filter;
  GtkDropDown          *complexity_filter;
  GtkDropDown          *group_filter;
  GtkDropDown          *status_filter;
  GtkLabel             *count_label;
  GtkLabel             *empty_label;
  GtkPaned             *paned;
  GtkScrolledWindow    *list_scroller;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *title_column;
  GtkColumnViewColumn  *unit_column;
  GtkColumnViewColumn  *group_column;
  GtkColumnViewColumn  *level_column;
  GtkColumnViewColumn  *complexity_column;
  GtkColumnViewColumn  *minutes_column;
  GtkColumnViewColumn  *times_column;
  GtkColumnViewColumn  *per_column;
  GtkColumnViewColumn  *hours_column;
  GtkColumnViewColumn  *performers_column;
  GtkWidget            *editor_scroller;
  TmTaskEditor         *editor;
  TmSummaryBar         *summary_bar;
  GtkWidget            *view_switcher;
  TmScenarioBar        *scenario_bar;
  GtkStack             *view_stack;
  GtkWidget            *quick_entry_row;
  GtkBox               *matrix_page;
  GtkBox               *map_page;
  GtkBox               *capacity_page;
  GtkBox               *flow_page;
  GtkBox               *board_page;
  TmMoveBoard          *move_board;
  TmMatrixView         *matrix_view;
  TmAssessmentPane     *assessment_pane;
  TmChartView          *grid_chart;
  TmChartView          *capacity_chart;
  TmChartView          *compare_chart;      /* the scenarios side by side */
  GtkWidget            *matrix_legend;
  GtkWidget            *matrix_only_check;   /* editing the matrix: hidden in presentation mode */
  GtkWidget            *matrix_hint_label;
  GtkWidget            *matrix_legend_toggle;
  gboolean              legend_before_presentation;
  gboolean              restoring_scenario;
  GtkStack             *capacity_stack;
  GtkWidget            *single_button;
  GtkWidget            *compare_button;
  GtkWidget            *compare_menu_button;
  GtkWidget            *compare_list;       /* check buttons, one per scenario */
  TmChartView          *flow_chart;
  TmScenarioSummary    *scenario_summary;
  GMenu                *recent_section;
  GMenuModel           *task_menu;

  /* Owned */
  TmPortfolio          *portfolio;
  GSettings            *settings;
  TmTaskView           *task_view;       /* searched, filtered and sorted in a worker thread */
  TmTask               *selected_task;   /* kept selected when the list is worked out anew */
  GtkSingleSelection   *selection;
  TmCellEditor         *cell_editor;     /* the list's cells edited in place */
  GtkStringList        *group_list;      /* "All groups", then the portfolio's groups */
  GHashTable           *group_set;       /* the groups in group_list */
  GtkFileChooserNative *save_chooser;
  GtkFileChooserNative *export_chooser;
  GtkFileChooserNative *import_chooser;
  GtkFileChooserNative *exchange_chooser; /* File → Export… */
  GCancellable         *import_cancellable; /* while a spreadsheet is read */
  TmMergeApply         *apply;           /* while a file goes in, in steps */
  TmMergePlan          *apply_plan;      /* what it applies */
  guint                 apply_id;        /* the idle that takes the next step */
  guint                 busy_reveal_id;  /* shows the bar when a read takes long */
  guint                 busy_pulse_id;   /* moves the bar while a file is read */
  TmEditJob            *edit_job;        /* while a region's import is undone or redone, or its rows pasted, in steps */
  TmCsvPasting         *pasting;         /* while a region's rows pasted are converted, before edit_job */
  char                 *edit_job_done;   /* what to say once the rows are pasted */
  TmCsvImportJob       *csv_job;         /* while a spreadsheet's tasks are written, in steps */
  TmMergePlanning      *planning;        /* while a file read is compared with the portfolio, in steps */
  TmMergeUnits         *units;           /* while units' files are merged into a region, in steps */
  GPtrArray            *units_files;     /* of GFile: the files it merges, in order */
  guint                 units_next;      /* the next of them to read */
  GCancellable         *units_cancellable; /* while one of them is read in a worker thread */
  guint                 units_tasks_before; /* the region's tasks before the merge */
  const TmBusyWork     *work;            /* which of these runs (tm-window-busy.c); NULL none */
  double                work_from;       /* where its part of the bar begins … */
  double                work_to;         /* … and ends: a file's plan and apply share one */
  gint64                apply_step_us;   /* tests: how long a step may take; -1: APPLY_STEP_US */
  gboolean              apply_by_hand;   /* tests: steps only by _tm_window_take_import_step() */
  char                 *toast_uri;       /* what the notification's Open button opens */
  GtkWindow            *user_name_dialog;
  GtkWidget            *task_popover;    /* parented to the column view */
  TmTask               *pending_select;  /* to select once the sorted model has it */
  char                 *search_key;      /* folded search text; NULL matches all */
  char                 *group_key;       /* the group filtered on; NULL for all */
  int                   level_key;       /* TmLevel filtered on, or -1 */
  int                   complexity_key;  /* TmComplexity filtered on, or -1 */
  int                   status_key;      /* StatusFilter, or -1 */
  guint                 toast_timeout_id;
  guint                 refresh_id;
  guint                 fit_columns_id;
  gboolean              groups_queued;
  TmGroupsCount        *groups_count;    /* the groups and units being looked for */
  gint64                refresh_step_us; /* tests: how long a step of that may take; -1: the default */
  gboolean              updating_groups;
  gboolean              was_fullscreen;
  gboolean              presentation_windowed; /* tests: presentation mode at the window's size */
  gboolean              editor_before_presentation;
  gboolean              editor_for_presentation; /* hiding it is not the user's setting */
  gulong                tasks_changed_id;
};

/* tm-window.c */
void _tm_window_hide_toast (TmWindow *self);
void _tm_window_show_gerror (TmWindow     *self,
                             const GError *error);
void _tm_window_show_toast (TmWindow   *self,
                            const char *text,
                            gboolean    with_undo);
void _tm_window_show_toast_full (TmWindow   *self,
                                 const char *text,
                                 gboolean    with_undo,
                                 const char *open_uri,
                                 gboolean    timeout);

/* tm-window-pages.c */
/* Looks again at the groups and units, if tasks came or went meanwhile. */
void _tm_window_queue_refresh (TmWindow *self);
void _tm_window_apply_filters (TmWindow *self,
                               gboolean  more_strict);
const char *_tm_window_current_view (TmWindow *self);
void _tm_window_edit_selected_task (TmWindow *self);
void _tm_window_fill_compare_list (TmWindow *self);
void _tm_window_on_cell_editor_message (TmWindow   *self,
                                        const char *text,
                                        gboolean    is_error);
void _tm_window_on_column_sorter_changed (TmWindow        *self,
                                          GtkSorterChange  change);
void _tm_window_on_column_view_activate (TmWindow      *self,
                                         guint          position,
                                         GtkColumnView *column_view);
void _tm_window_on_column_view_secondary_click (TmWindow        *self,
                                                int              n_press,
                                                double           x,
                                                double           y,
                                                GtkGestureClick *gesture);
void _tm_window_on_filter_drop_down_changed (TmWindow    *self,
                                             GParamSpec  *pspec,
                                             GtkDropDown *drop_down);
void _tm_window_on_filter_revealer_changed (TmWindow    *self,
                                            GParamSpec  *pspec,
                                            GtkRevealer *revealer);
gboolean _tm_window_on_list_key_pressed (TmWindow              *self,
                                         guint                  keyval,
                                         guint                  keycode,
                                         GdkModifierType        state,
                                         GtkEventControllerKey *controller);
void _tm_window_on_list_width_changed (TmWindow *self);
void _tm_window_on_scenario_changed (TmWindow *self);
void _tm_window_on_search_changed (TmWindow       *self,
                                   GtkSearchEntry *entry);
void _tm_window_on_search_stop (TmWindow       *self,
                                GtkSearchEntry *entry);
void _tm_window_on_selected_item_changed (TmWindow           *self,
                                          GParamSpec         *pspec,
                                          GtkSingleSelection *selection);
void _tm_window_on_selection_items_changed (GListModel *model,
                                            guint       position,
                                            guint       removed,
                                            guint       added,
                                            TmWindow   *self);
void _tm_window_on_task_changed (TmPortfolio *portfolio,
                                 TmTask      *task,
                                 TmWindow    *self);
void _tm_window_on_task_view_items_changed (GListModel *model,
                                            guint       position,
                                            guint       removed,
                                            guint       added,
                                            TmWindow   *self);
void _tm_window_on_task_view_pending (TmWindow   *self,
                                      GParamSpec *pspec,
                                      TmTaskView *view);
void _tm_window_on_tasks_items_changed (GListModel *model,
                                        guint       position,
                                        guint       removed,
                                        guint       added,
                                        TmWindow   *self);
void _tm_window_on_view_changed (TmWindow *self);
void _tm_window_paste_rows_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data);
void _tm_window_refresh_groups (TmWindow *self);
void _tm_window_reset_filters (TmWindow *self);
void _tm_window_restore_scenario (TmWindow *self);
void _tm_window_select_task (TmWindow *self,
                             TmTask   *task);
void _tm_window_setup_columns (TmWindow *self);
void _tm_window_setup_filter_drop_downs (TmWindow *self);
void _tm_window_setup_views (TmWindow *self);
void _tm_window_update_count (TmWindow *self);

/* tm-window-actions.c */
void _tm_window_add_task_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data);
void _tm_window_apply_user_name (TmWindow *self);
void _tm_window_close_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data);
void _tm_window_delete_task_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data);
void _tm_window_duplicate_task_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data);
void _tm_window_edit_task_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data);
void _tm_window_find_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data);
gboolean _tm_window_get_presentation (TmWindow *self);
void _tm_window_history_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data);
gboolean _tm_window_leave_presentation_cb (GtkWidget *widget,
                                           GVariant  *args,
                                           gpointer   user_data);
void _tm_window_on_fullscreened_changed (TmWindow   *self,
                                         GParamSpec *pspec);
void _tm_window_on_quick_entry_activate (TmWindow *self,
                                         GtkEntry *entry);
void _tm_window_on_undo_label_changed (TmWindow *self);
void _tm_window_presentation_change_state (GSimpleAction *action,
                                           GVariant      *state,
                                           gpointer       user_data);
void _tm_window_professions_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data);
void _tm_window_redo_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data);
void _tm_window_set_presentation (TmWindow *self,
                                  gboolean  presentation);
void _tm_window_show_editor (TmWindow *self,
                             gboolean  visible);
void _tm_window_task_history_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data);
void _tm_window_toggle_editor_change_state (GSimpleAction *action,
                                            GVariant      *state,
                                            gpointer       user_data);
void _tm_window_undo_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data);
void _tm_window_unit_details_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data);
void _tm_window_update_actions (TmWindow *self);
void _tm_window_update_title (TmWindow *self);
void _tm_window_update_undo_tooltips (TmWindow *self);
void _tm_window_user_name_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data);
void _tm_window_view_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data);
void _tm_window_workshops_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data);

/* tm-window-busy.c */
/* Long work in steps, of four kinds: a file read compared with the
 * portfolio (its merge plan made), a file going in (the plan applied), the
 * undo or redo of one, and a spreadsheet's tasks written. */
struct _TmBusyWork {
  gboolean (*step)         (TmWindow *self, gint64 budget_us, gboolean *done, GError **error);
  double   (*get_fraction) (TmWindow *self);
  gboolean (*can_cancel)   (TmWindow *self);
  /* Frees the work: rolled back while nothing is saved. */
  void     (*clear)        (TmWindow *self);
  /* Done: says what came of it, or goes on (before clear). */
  void     (*finished)     (TmWindow *self);
  const char *cancelled;   /* what Cancel says: marked for translation, translated when shown */
  /* Nullable: TRUE while the work waits for something (a file read in a
   * worker thread); its steps stop until _tm_window__tm_window_resume_work(). */
  gboolean (*waiting)      (TmWindow *self);
};

/* Sets @work going, in steps from an idle, with the bar saying @text and
 * showing it from @from to @to. */
void _tm_window_start_work (TmWindow         *self,
                            const TmBusyWork *work,
                            const char       *text,
                            double            from,
                            double            to);
/* Takes the steps up again once what the work waited for is there. */
void _tm_window_resume_work (TmWindow *self);
/* How long one step may hold the main loop (µs). */
gint64 _tm_window_step_budget (TmWindow *self);
/* From how many tasks a file's work goes in steps (tests: 0). */
guint _tm_window_at_once_items (TmWindow *self);
/* A file being read: the busy cursor, and after a moment the bar, moving,
 * with Cancel. */
void _tm_window_busy_reading (TmWindow *self,
                              GFile    *file);
void _tm_window_hide_busy (TmWindow *self);
/* Stops what the busy bar shows: a read is cancelled, an import not yet
 * saved is rolled back and one saved is brought to its end. */
void _tm_window_stop_busy (TmWindow *self);
void _tm_window_on_busy_cancel_clicked (TmWindow *self);
/* Whether long work in steps (an import, a large undo or redo) is under way. */
gboolean _tm_window_is_busy (TmWindow *self);
/* Undoes (redoes) the newest step in steps when it is large, with the bar;
 * FALSE (nothing done) when it is small enough to be undone at once. */
gboolean _tm_window_undo_in_steps (TmWindow *self,
                                   gboolean  redo);
/* Rows pasted by the cell editor: from a region's size in steps with the
 * bar (TRUE, @pasting taken); FALSE leaves them to the editor. */
gboolean _tm_window_on_paste_rows (TmWindow     *self,
                                   TmCsvPasting *pasting,
                                   TmCellEditor *editor);

/* tm-window-import.c */
void _tm_window_merge_units_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data);
void _tm_window_import_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data);

/* tm-window-files.c */
void _tm_window_committee_report_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data);
void _tm_window_export_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data);
void _tm_window_export_view_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data);
void _tm_window_export_workbook_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data);
void _tm_window_on_recent_row_activated (TmWindow      *self,
                                         GtkListBoxRow *row,
                                         GtkListBox    *list);
void _tm_window_print_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data);
void _tm_window_save_copy_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data);
void _tm_window_update_recent (TmWindow *self);

/* For the UI tests */

/* The rows as searched, filtered and sorted, and the selection over them. */
TmTaskView         *_tm_window_get_task_view        (TmWindow *self);
GtkSingleSelection *_tm_window_get_selection        (TmWindow *self);
GtkColumnView      *_tm_window_get_column_view      (TmWindow *self);
GtkEntry           *_tm_window_get_quick_entry      (TmWindow *self);
GtkSearchEntry     *_tm_window_get_search_entry     (TmWindow *self);
GtkDropDown        *_tm_window_get_level_filter     (TmWindow *self);
GtkDropDown        *_tm_window_get_complexity_filter(TmWindow *self);
GtkDropDown        *_tm_window_get_group_filter     (TmWindow *self);
GtkLabel           *_tm_window_get_count_label      (TmWindow *self);
TmTaskEditor       *_tm_window_get_editor           (TmWindow *self);
TmSummaryBar       *_tm_window_get_summary_bar      (TmWindow *self);
/* The page the stack shows: "welcome" or "portfolio". */
const char         *_tm_window_get_page             (TmWindow *self);
/* Whether the "deleted" notification is shown, and its text. */
gboolean            _tm_window_get_toast_visible    (TmWindow *self);
const char         *_tm_window_get_toast_text       (TmWindow *self);
/* The text of the error bar, or NULL when it is hidden. */
const char         *_tm_window_get_error_text       (TmWindow *self);
/* Applies the search text now, without the search entry's delay. */
void                _tm_window_apply_search         (TmWindow *self);

const char         *_tm_window_get_scenario_id      (TmWindow   *self);
GtkDropDown        *_tm_window_get_status_filter    (TmWindow   *self);
GtkWidget          *_tm_window_get_grid_chart       (TmWindow   *self);
const char         *_tm_window_get_view             (TmWindow   *self);
void                _tm_window_show_view            (TmWindow   *self,
                                                     const char *view);

/* Exports the current view (matrix or a chart) to @file; the format follows its extension. */
gboolean            _tm_window_export_view          (TmWindow   *self,
                                                     GFile      *file,
                                                     GError    **error);

/* File → Import… without the file chooser: an XML file is merged (directly,
 * or through the review dialog when tasks changed); a spreadsheet is read in
 * a worker thread, then shown in the import dialog. */
void                _tm_window_import_file          (TmWindow   *self,
                                                     GFile      *file);
/* Merges the units' @files (XML exports, in the order of their names) into the portfolio
 * as the regional merge: read in a worker thread, sorted and written in
 * steps with the bar and Cancel, one undo step (File → Merge Units…). */
void                _tm_window_merge_units          (TmWindow   *self,
                                                     GFile     **files,
                                                     guint       n_files);
/* Whether a file is being read for an import (a region's file then
 * compared with the portfolio in steps: see _tm_window_is_planning()). */
gboolean            _tm_window_is_reading           (TmWindow   *self);
/* Whether a file read is being compared with the portfolio, in steps. */
gboolean            _tm_window_is_planning          (TmWindow   *self);
/* Whether an XML file is going in, in steps. */
gboolean            _tm_window_is_importing         (TmWindow   *self);
/* How long each step of such an import may take (-1: as the app does), and
 * whether steps are only taken by _tm_window_take_import_step() (then every
 * import, undo and redo goes in steps, however small). */
void                _tm_window_set_import_steps     (TmWindow   *self,
                                                     gint64      step_us,
                                                     gboolean    by_hand);
/* Takes one step (of an import, or of a large undo or redo); FALSE once it is over. */
gboolean            _tm_window_take_import_step     (TmWindow   *self);

/* The formats of File → Export…. */
typedef enum {
  TM_WINDOW_EXPORT_XML,
  TM_WINDOW_EXPORT_CSV_CATALOGUE,
  TM_WINDOW_EXPORT_CSV_MATRIX,   /* of the scenario shown */
  TM_WINDOW_EXPORT_XLSX,         /* of the scenario shown; only where tm_xlsx_is_supported() */
  TM_WINDOW_N_EXPORTS
} TmWindowExport;

/* What File → Export… does once the file and format are chosen. */
gboolean            _tm_window_export_portfolio     (TmWindow        *self,
                                                     GFile           *file,
                                                     TmWindowExport   format,
                                                     GError         **error);
/* The task list's Unit column (shown only in a regional portfolio). */
GtkColumnViewColumn *_tm_window_get_unit_column     (TmWindow   *self);

/* Whether the notification shows, with its Open button. */
gboolean            _tm_window_get_toast_can_open   (TmWindow   *self);
/* The "Your Name" dialog while it is open (its default widget is Save). */
GtkWindow          *_tm_window_get_user_name_dialog (TmWindow   *self);

/* What File → Print runs for the view shown (NULL: nothing to print here). */
GtkPrintOperation  *_tm_window_create_print_operation (TmWindow *self);

/* Presentation mode without going full screen: screenshots at a projector's
 * size on a display of another. */
void                _tm_window_set_presentation_windowed (TmWindow *self,
                                                          gboolean  windowed);

/* The task list's cells edited in place. */
TmCellEditor       *_tm_window_get_cell_editor      (TmWindow   *self);
/* What presentation mode hides and the board. */
GtkWidget          *_tm_window_get_header_bar       (TmWindow   *self);
GtkWidget          *_tm_window_get_matrix_pane      (TmWindow   *self);
TmMoveBoard        *_tm_window_get_move_board       (TmWindow   *self);
/* The welcome page's list of recent portfolios. */
GtkListBox         *_tm_window_get_recent_list      (TmWindow   *self);

G_END_DECLS
