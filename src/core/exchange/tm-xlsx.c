/* tm-xlsx.c
 * The portfolio as an Excel workbook, written with libxlsxwriter.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xlsx"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "model/tm-i18n-private.h"
#include <glib/gstdio.h>

#if defined(__has_include)
# if __has_include(<xlsxwriter.h>)
#  include <xlsxwriter.h>
#  define HAVE_XLSXWRITER 1
# endif
#endif

#include "exchange/tm-xlsx.h"
#include "analysis/tm-analysis.h"
#include "render/tm-draw.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

/* The document date of an in-memory portfolio: 2026-01-01T00:00:00Z. */
#define FIXED_DATE ((time_t) 1767225600)

gboolean
tm_xlsx_is_supported (void)
{
#ifdef HAVE_XLSXWRITER
  return TRUE;
#else
  return FALSE;
#endif
}

/* Excel's limit on a sheet name, in characters */
#define SHEET_NAME_MAX 31

char *
tm_xlsx_make_sheet_name (const char         *wanted,
                         const char         *fallback,
                         const char * const *taken)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *base = NULL;

  g_return_val_if_fail (fallback != NULL && *fallback != '\0', NULL);

  for (const char *p = wanted; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL)
        g_string_append_c (name, '-');
      else if (g_unichar_iscntrl (c))
        g_string_append_c (name, ' ');
      else
        g_string_append_unichar (name, c);
    }

  if (g_utf8_strlen (name->str, -1) > SHEET_NAME_MAX)
    {
      g_autofree char *head = g_utf8_substring (name->str, 0, SHEET_NAME_MAX);

      g_string_assign (name, head);
    }

  /* No spaces or apostrophes around it */
  {
    g_autofree char *trimmed = g_strdup (name->str);
    gsize len;

    while (trimmed[0] == '\'' || g_ascii_isspace (trimmed[0]))
      memmove (trimmed, trimmed + 1, strlen (trimmed));
    for (len = strlen (trimmed); len > 0 && (trimmed[len - 1] == '\'' || g_ascii_isspace (trimmed[len - 1])); len--)
      trimmed[len - 1] = '\0';
    g_string_assign (name, trimmed);
  }

  if (name->len == 0)
    g_string_assign (name, fallback);

  /* Unique, whatever the case: "Matrix", "Matrix 2", … */
  base = g_strdup (name->str);
  for (guint n = 2; taken != NULL; n++)
    {
      g_autofree char *folded = g_utf8_casefold (name->str, -1);
      gboolean clash = FALSE;

      for (guint i = 0; taken[i] != NULL && !clash; i++)
        {
          g_autofree char *other = g_utf8_casefold (taken[i], -1);

          clash = strcmp (folded, other) == 0;
        }
      if (!clash)
        break;

      {
        g_autofree char *suffix = g_strdup_printf (" %u", n);
        glong room = SHEET_NAME_MAX - (glong) strlen (suffix);
        g_autofree char *head = g_utf8_substring (base, 0, MIN (g_utf8_strlen (base, -1), room));

        g_string_printf (name, "%s%s", head, suffix);
      }
    }

  return g_string_free (g_steal_pointer (&name), FALSE);
}

#ifndef HAVE_XLSXWRITER

gboolean
tm_xlsx_export (TmPortfolio  *portfolio,
                const char   *scenario_id,
                GFile        *file,
                GError      **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);
  g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
               /* Translators: %s is a file name */
               _("Could not export to “%s”: this copy of Taskmap was built without spreadsheet support"),
               name);
  return FALSE;
}

#else /* HAVE_XLSXWRITER */

static const char *
resolve_scenario (TmPortfolio *portfolio,
                  const char  *scenario_id)
{
  GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);
  g_autoptr(TmScenario) first = NULL;

  if (scenario_id != NULL)
    return tm_portfolio_lookup_scenario (portfolio, scenario_id) ? scenario_id : NULL;

  if (g_list_model_get_n_items (scenarios) == 0)
    return NULL;
  first = g_list_model_get_item (scenarios, 0);
  /* The portfolio keeps the scenario alive. */
  return tm_scenario_get_id (first);
}

/* Excel's limit on the text of one cell, in characters */
#define MAX_CELL_CHARS 32767
/* Rows the summary needs beyond one per task, at most */
#define SUMMARY_EXTRA_ROWS 64

typedef struct {
  lxw_workbook *workbook;
  TmPortfolio  *portfolio;
  const char   *scenario_id;
  TmAnalysis   *analysis;
  GPtrArray    *professions;    /* of TmProfession (borrowed): the matrix's columns */
  GPtrArray    *sheet_names;    /* of char *, the names given so far */
  lxw_error     error;          /* the first error of a write */

  /* Formats: owned by the workbook */
  lxw_format   *header;
  lxw_format   *text;
  lxw_format   *wrap;
  lxw_format   *number;
  lxw_format   *hours;
  lxw_format   *percent;
  lxw_format   *whole_percent;
  lxw_format   *fte;
  lxw_format   *label;
  lxw_format   *heading;
  lxw_format   *cell[TM_N_SUITABILITIES][2];   /* [1]: the cell of the chosen move */
} Book;

static void
remember (Book      *book,
          lxw_error  error)
{
  if (error != LXW_NO_ERROR && book->error == LXW_NO_ERROR)
    book->error = error;
}

/* Writes @text as a string cell: valid UTF-8, within Excel's limit. NULL or
 * "" leaves the cell empty (with @format, so it looks like its column). */
static void
put_text (Book          *book,
          lxw_worksheet *sheet,
          lxw_row_t      row,
          lxw_col_t      col,
          const char    *text,
          lxw_format    *format)
{
  g_autofree char *valid = NULL;
  g_autofree char *cut = NULL;

  if (text == NULL || *text == '\0')
    {
      if (format != NULL)
        remember (book, worksheet_write_blank (sheet, row, col, format));
      return;
    }

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* Bytes are at least characters: count only when it could be too long. */
  if (strlen (text) > MAX_CELL_CHARS && g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    {
      g_autofree char *head = g_utf8_substring (text, 0, MAX_CELL_CHARS - 1);

      text = cut = g_strconcat (head, "…", NULL);
    }

  remember (book, worksheet_write_string (sheet, row, col, text, format));
}

static void
put_number (Book          *book,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            double         value,
            lxw_format    *format)
{
  if (!isfinite (value))
    value = 0;
  remember (book, worksheet_write_number (sheet, row, col, value, format));
}

/* A time, count or hours figure; negative means not estimated: an empty
 * cell, never 0. */
static void
put_estimate (Book          *book,
              lxw_worksheet *sheet,
              lxw_row_t      row,
              lxw_col_t      col,
              double         value,
              lxw_format    *format)
{
  if (value < 0 || !isfinite (value))
    remember (book, worksheet_write_blank (sheet, row, col, format));
  else
    put_number (book, sheet, row, col, value, format);
}

/* A share in percent (0-100) as a percent cell, whole when it is whole. */
static void
put_share (Book          *book,
           lxw_worksheet *sheet,
           lxw_row_t      row,
           lxw_col_t      col,
           double         percent)
{
  gboolean whole = fabs (percent - round (percent)) < 1e-9;

  put_number (book, sheet, row, col, percent / 100.0, whole ? book->whole_percent : book->percent);
}

static void
set_column (Book          *book,
            lxw_worksheet *sheet,
            lxw_col_t      col,
            double         width,
            lxw_format    *format)
{
  remember (book, worksheet_set_column (sheet, col, col, width, format));
}

static lxw_worksheet *
add_sheet (Book       *book,
           const char *wanted,
           const char *fallback)
{
  g_autofree char *name = NULL;
  lxw_worksheet *sheet;

  g_ptr_array_add (book->sheet_names, NULL);
  name = tm_xlsx_make_sheet_name (wanted, fallback, (const char * const *) book->sheet_names->pdata);
  g_ptr_array_remove_index (book->sheet_names, book->sheet_names->len - 1);
  g_ptr_array_add (book->sheet_names, g_strdup (name));

  sheet = workbook_add_worksheet (book->workbook, name);
  if (sheet == NULL)
    remember (book, LXW_ERROR_PARAMETER_VALIDATION);
  return sheet;
}

static lxw_color_t
to_lxw_color (const TmColor *color)
{
  guint r = (guint) CLAMP (round (color->red * 255), 0, 255);
  guint g = (guint) CLAMP (round (color->green * 255), 0, 255);
  guint b = (guint) CLAMP (round (color->blue * 255), 0, 255);

  return (lxw_color_t) ((r << 16) | (g << 8) | b);
}

static void
create_formats (Book *book)
{
  lxw_workbook *wb = book->workbook;
  TmDrawStyle style;

  book->header = workbook_add_format (wb);
  format_set_bold (book->header);
  format_set_text_wrap (book->header);
  format_set_align (book->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bottom (book->header, LXW_BORDER_THIN);
  format_set_bg_color (book->header, 0xE8E8E8);

  book->text = workbook_add_format (wb);
  format_set_align (book->text, LXW_ALIGN_VERTICAL_TOP);

  book->wrap = workbook_add_format (wb);
  format_set_align (book->wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (book->wrap);

  book->number = workbook_add_format (wb);
  format_set_align (book->number, LXW_ALIGN_VERTICAL_TOP);

  /* One decimal; Excel shows the reader's decimal separator. */
  book->hours = workbook_add_format (wb);
  format_set_align (book->hours, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format (book->hours, "0.0");

  book->percent = workbook_add_format (wb);
  format_set_align (book->percent, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format (book->percent, "0.0%");

  /* FTE: two decimals, as managers count them. */
  book->fte = workbook_add_format (wb);
  format_set_align (book->fte, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format (book->fte, "0.00");

  book->whole_percent = workbook_add_format (wb);
  format_set_align (book->whole_percent, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format (book->whole_percent, "0%");

  book->label = workbook_add_format (wb);
  format_set_bold (book->label);
  format_set_align (book->label, LXW_ALIGN_VERTICAL_TOP);

  book->heading = workbook_add_format (wb);
  format_set_bold (book->heading);
  format_set_font_size (book->heading, 13);

  /* The matrix cells in the colours of the drawn matrix; the chosen move bold
   * and framed, so it reads without colour too. */
  tm_draw_style_init (&style, 1.0, FALSE);
  for (guint s = 0; s < TM_N_SUITABILITIES; s++)
    for (guint move = 0; move < 2; move++)
      {
        lxw_format *f = workbook_add_format (wb);

        format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
        format_set_text_wrap (f);
        if (s != TM_SUITABILITY_NOT_ASSESSED)
          format_set_bg_color (f, to_lxw_color (&style.suitability[s]));
        if (move)
          {
            format_set_bold (f);
            format_set_border (f, LXW_BORDER_MEDIUM);
          }
        book->cell[s][move] = f;
      }
}

static const char *
profession_name (TmPortfolio *portfolio,
                 const char  *profession_id)
{
  TmProfession *profession;

  if (profession_id == NULL)
    return _("No performer recorded");

  profession = tm_portfolio_lookup_profession (portfolio, profession_id);
  return profession != NULL ? tm_profession_get_display_name (profession) : profession_id;
}

static char *
format_percent_number (double percent)
{
  gboolean whole = fabs (percent - round (percent)) < 1e-9;

  return tm_language_format_number (percent, whole ? 0 : 1);
}

/* "Nurse", or with several performers or a partial share "Nurse (60 %), …" */
static char *
dup_performed_by (Book             *book,
                  const TmTaskData *data)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      const char *name = profession_name (book->portfolio, p->profession_id);

      if (str->len > 0)
        g_string_append (str, ", ");
      if (data->performers->len > 1 || fabs (p->share - 100) > 1e-9)
        {
          g_autofree char *share = format_percent_number (p->share);

          /* Translators: a profession performing a task and its share of the
           * task's time, e.g. "Nurse (60 %)" */
          g_string_append_printf (str, _("%s (%s %%)"), name, share);
        }
      else
        g_string_append (str, name);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static char *
dup_shifts (guint shifts)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < TM_N_SHIFTS; i++)
    {
      TmShifts shift = 1 << i;

      if ((shifts & shift) == 0)
        continue;
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, tm_shift_get_label (shift));
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static gboolean
performs_today (const TmTaskData *data,
                const char       *profession_id)
{
  for (guint i = 0; i < data->performers->len; i++)
    if (g_strcmp0 (g_array_index (data->performers, TmPerformer, i).profession_id, profession_id) == 0)
      return TRUE;
  return FALSE;
}

static void
write_header (Book          *book,
              lxw_worksheet *sheet,
              lxw_row_t      row,
              const char   **titles,
              guint          n_titles)
{
  for (guint i = 0; i < n_titles; i++)
    put_text (book, sheet, row, i, titles[i], book->header);
}

/* Sheet 1: the catalogue */

enum {
  CAT_TITLE,
  CAT_DESCRIPTION,
  CAT_GROUP,
  CAT_LEVEL,
  CAT_COMPLEXITY,
  CAT_MINUTES,
  CAT_TIMES,
  CAT_PER,
  CAT_HOURS,
  CAT_SHIFTS,
  CAT_PERFORMED_BY,
  CAT_NOTES,
  N_CAT_COLUMNS
};

static void
write_catalogue (Book *book)
{
  GListModel *tasks = tm_portfolio_get_tasks (book->portfolio);
  guint n_tasks = g_list_model_get_n_items (tasks);
  const char *titles[N_CAT_COLUMNS];
  const double widths[N_CAT_COLUMNS] = { 40, 45, 20, 22, 18, 10, 9, 10, 11, 24, 28, 45 };
  lxw_worksheet *sheet;

  /* Translators: the name of a spreadsheet's sheet (at most 31 characters,
   * none of [ ] : * ? / \): the task catalogue */
  sheet = add_sheet (book, C_("sheet name", "Tasks"), "Tasks");
  if (sheet == NULL)
    return;

  /* Translators: a column heading: the task's title */
  titles[CAT_TITLE] = _("Title");
  /* Translators: a column heading in the exported spreadsheet */
  titles[CAT_DESCRIPTION] = _("Description");
  titles[CAT_GROUP] = _("Group");
  titles[CAT_LEVEL] = _("Competence level");
  titles[CAT_COMPLEXITY] = _("Patient complexity");
  /* Translators: a column heading in the exported spreadsheet: minutes each time the task is done */
  titles[CAT_MINUTES] = _("Minutes each time");
  /* Translators: a column heading in the exported spreadsheet: how many times the task is done */
  titles[CAT_TIMES] = C_("column", "Times");
  /* Translators: a column heading in the exported spreadsheet: "per day" or "per week" */
  titles[CAT_PER] = C_("column", "Per");
  /* Translators: a column heading in the exported spreadsheet */
  titles[CAT_HOURS] = _("Hours per week");
  titles[CAT_SHIFTS] = _("Shifts");
  titles[CAT_PERFORMED_BY] = _("Performed by");
  /* Translators: a column heading in the exported spreadsheet */
  titles[CAT_NOTES] = _("Notes");

  for (guint c = 0; c < N_CAT_COLUMNS; c++)
    {
      lxw_format *format;

      switch (c)
        {
        case CAT_TITLE:
        case CAT_DESCRIPTION:
        case CAT_PERFORMED_BY:
        case CAT_NOTES:
        case CAT_SHIFTS:
          format = book->wrap;
          break;
        case CAT_HOURS:
          format = book->hours;
          break;
        case CAT_MINUTES:
        case CAT_TIMES:
          format = book->number;
          break;
        default:
          format = book->text;
          break;
        }
      set_column (book, sheet, c, widths[c], format);
    }

  write_header (book, sheet, 0, titles, N_CAT_COLUMNS);

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      lxw_row_t row = i + 1;
      g_autofree char *performed_by = dup_performed_by (book, data);
      g_autofree char *shifts = dup_shifts (data->shifts);

      put_text (book, sheet, row, CAT_TITLE, data->title, book->wrap);
      put_text (book, sheet, row, CAT_DESCRIPTION, data->description, book->wrap);
      put_text (book, sheet, row, CAT_GROUP, data->group, book->text);
      put_text (book, sheet, row, CAT_LEVEL, tm_level_get_short_label (data->level), book->text);
      put_text (book, sheet, row, CAT_COMPLEXITY, tm_complexity_get_label (data->complexity), book->text);
      put_estimate (book, sheet, row, CAT_MINUTES, data->minutes, book->number);
      put_estimate (book, sheet, row, CAT_TIMES, data->occurrences, book->number);
      /* "per day" means nothing without a number of times */
      put_text (book, sheet, row, CAT_PER, data->occurrences >= 0 ? tm_per_get_label (data->per) : NULL,
                book->text);
      put_estimate (book, sheet, row, CAT_HOURS, tm_task_data_get_hours_per_week (data), book->hours);
      put_text (book, sheet, row, CAT_SHIFTS, shifts, book->wrap);
      put_text (book, sheet, row, CAT_PERFORMED_BY, performed_by, book->wrap);
      put_text (book, sheet, row, CAT_NOTES, data->notes, book->wrap);
    }

  worksheet_freeze_panes (sheet, 1, 0);
  remember (book, worksheet_autofilter (sheet, 0, 0, MAX (n_tasks, 1), N_CAT_COLUMNS - 1));
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);   /* A4 */
  worksheet_fit_to_pages (sheet, 1, 0);
  remember (book, worksheet_repeat_rows (sheet, 0, 0));
}

/* Sheet 2: the matrix */

static void
write_matrix (Book *book)
{
  GListModel *tasks = tm_portfolio_get_tasks (book->portfolio);
  guint n_tasks = g_list_model_get_n_items (tasks);
  guint n_prof = book->professions->len;
  lxw_col_t move_col = 2 + n_prof;
  lxw_col_t share_col = move_col + 1;
  TmScenario *scenario = tm_portfolio_lookup_scenario (book->portfolio, book->scenario_id);
  g_autofree char *move_title = NULL;
  lxw_worksheet *sheet;

  /* Translators: the name of a spreadsheet's sheet (at most 31 characters,
   * none of [ ] : * ? / \): the task × profession matrix */
  sheet = add_sheet (book, C_("sheet name", "Matrix"), "Matrix");
  if (sheet == NULL)
    return;

  set_column (book, sheet, 0, 40, book->wrap);
  set_column (book, sheet, 1, 20, book->text);
  if (n_prof > 0)
    remember (book, worksheet_set_column (sheet, 2, 1 + n_prof, 17, book->wrap));
  set_column (book, sheet, move_col, 28, book->wrap);
  set_column (book, sheet, share_col, 10, book->whole_percent);

  put_text (book, sheet, 0, 0, _("Title"), book->header);
  put_text (book, sheet, 0, 1, _("Group"), book->header);
  for (guint p = 0; p < n_prof; p++)
    put_text (book, sheet, 0, 2 + p, tm_profession_get_display_name (g_ptr_array_index (book->professions, p)),
              book->header);
  move_title = g_strdup_printf (/* Translators: a column heading in the exported matrix; %s is
                                 * the scenario's name */
                                _("Move in “%s”"), scenario ? tm_scenario_get_name (scenario) : "");
  put_text (book, sheet, 0, move_col, move_title, book->header);
  /* Translators: a column heading in the exported matrix: the share of the
   * task's time that moves in the scenario */
  put_text (book, sheet, 0, share_col, _("Share that moves"), book->header);

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmMove *move = tm_task_data_get_move (data, book->scenario_id);
      lxw_row_t row = i + 1;

      put_text (book, sheet, row, 0, data->title, book->wrap);
      put_text (book, sheet, row, 1, data->group, book->text);

      for (guint p = 0; p < n_prof; p++)
        {
          const char *id = tm_profession_get_id (g_ptr_array_index (book->professions, p));
          const TmAssessment *assessment = tm_task_data_get_assessment (data, id);
          TmSuitability suitability = assessment ? assessment->suitability : TM_SUITABILITY_NOT_ASSESSED;
          gboolean performs = performs_today (data, id);
          gboolean is_move = move != NULL && move->kind == TM_MOVE_TO_PROFESSION &&
                             g_strcmp0 (move->profession_id, id) == 0;
          g_autofree char *text = NULL;

          if ((guint) suitability >= TM_N_SUITABILITIES)
            suitability = TM_SUITABILITY_NOT_ASSESSED;

          if (suitability != TM_SUITABILITY_NOT_ASSESSED && performs)
            text = g_strconcat (tm_suitability_get_label (suitability), _("; performs it today"), NULL);
          else if (suitability != TM_SUITABILITY_NOT_ASSESSED)
            text = g_strdup (tm_suitability_get_label (suitability));
          else if (performs)
            text = g_strdup (_("Performs the task today"));

          if (text != NULL || is_move)
            put_text (book, sheet, row, 2 + p, text, book->cell[suitability][is_move]);
        }

      if (move != NULL)
        {
          const char *where = move->kind == TM_MOVE_TO_PROFESSION
                              ? profession_name (book->portfolio, move->profession_id)
                              : tm_move_kind_get_label (move->kind);

          put_text (book, sheet, row, move_col, where, book->wrap);
          put_share (book, sheet, row, share_col, move->share);
        }
    }

  worksheet_freeze_panes (sheet, 1, 1);
  remember (book, worksheet_autofilter (sheet, 0, 0, MAX (n_tasks, 1), share_col));
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);
  remember (book, worksheet_repeat_rows (sheet, 0, 0));
}

/* Sheet 3: the summary */

enum {
  SUM_PROFESSION,
  SUM_TASKS,
  SUM_TODAY,
  SUM_AFTER,
  SUM_OUT,
  SUM_IN,
  SUM_TO_UNSKILLED,
  SUM_TO_PROFESSIONS,
  SUM_TO_TECHNOLOGY,
  SUM_FTE,
  SUM_HOURS_PER_FTE,
  SUM_STAFFED_HOURS,
  SUM_MAPPED,
  SUM_SHARE,
  SUM_SHARE_UNSKILLED,
  SUM_SHARE_PROFESSIONS,
  SUM_FTE_FREED,
  SUM_FTE_NEEDED,
  SUM_SHARE_CATALOGUED,
  N_SUM_COLUMNS
};

static void
write_summary (Book *book)
{
  TmAnalysis *analysis = book->analysis;
  TmScenario *scenario = tm_portfolio_lookup_scenario (book->portfolio, book->scenario_id);
  const char *titles[N_SUM_COLUMNS];
  lxw_worksheet *sheet;
  lxw_row_t row = 0;

  /* Translators: the name of a spreadsheet's sheet (at most 31 characters,
   * none of [ ] : * ? / \): the summary of a scenario */
  sheet = add_sheet (book, C_("sheet name", "Summary"), "Summary");
  if (sheet == NULL)
    return;

  set_column (book, sheet, 0, 36, NULL);
  remember (book, worksheet_set_column (sheet, 1, N_SUM_COLUMNS - 1, 14, NULL));

  /* The unit and the scenario */
  put_text (book, sheet, row, 0, tm_portfolio_get_unit_name (book->portfolio), book->heading);
  row += 2;
  /* Translators: a label in the exported summary */
  put_text (book, sheet, row, 0, _("Unit"), book->label);
  put_text (book, sheet, row++, 1, tm_portfolio_get_unit_name (book->portfolio), book->text);
  /* Translators: a label in the exported summary */
  put_text (book, sheet, row, 0, _("Organisation"), book->label);
  put_text (book, sheet, row++, 1, tm_portfolio_get_organisation (book->portfolio), book->text);
  put_text (book, sheet, row, 0, _("Scenario"), book->label);
  put_text (book, sheet, row++, 1, scenario ? tm_scenario_get_name (scenario) : NULL, book->text);
  row++;

  /* Translators: a label in the exported summary: the number of tasks */
  put_text (book, sheet, row, 0, _("Tasks in the catalogue"), book->label);
  put_number (book, sheet, row++, 1, analysis->n_tasks, book->number);
  /* Translators: a label in the exported summary: the number of tasks without a time estimate */
  put_text (book, sheet, row, 0, _("Tasks not estimated"), book->label);
  put_number (book, sheet, row++, 1, analysis->n_not_estimated, book->number);
  /* Translators: a label in the exported summary: hours per week of the estimated tasks */
  put_text (book, sheet, row, 0, _("Hours per week in all"), book->label);
  put_number (book, sheet, row++, 1, analysis->total_hours, book->hours);
  /* Translators: a label in the exported summary: the number of tasks the scenario moves */
  put_text (book, sheet, row, 0, _("Tasks with a move"), book->label);
  put_number (book, sheet, row++, 1, analysis->n_moves, book->number);
  /* Translators: a label in the exported summary */
  put_text (book, sheet, row, 0, _("Hours per week that move"), book->label);
  put_number (book, sheet, row++, 1, analysis->moved_hours, book->hours);
  row++;

  /* Per profession */
  /* Translators: a heading in the exported summary */
  put_text (book, sheet, row++, 0, _("Hours per week per profession"), book->heading);
  titles[SUM_PROFESSION] = _("Profession");
  /* Translators: a column heading in the exported summary: tasks a profession performs today */
  titles[SUM_TASKS] = _("Tasks today");
  /* Translators: a column heading in the exported summary */
  titles[SUM_TODAY] = _("Hours per week today");
  /* Translators: a column heading in the exported summary: after the scenario */
  titles[SUM_AFTER] = _("Hours per week after");
  /* Translators: a column heading in the exported summary: hours per week a profession hands over */
  titles[SUM_OUT] = _("Hours handed over");
  /* Translators: a column heading in the exported summary: hours per week a profession takes over */
  titles[SUM_IN] = _("Hours received");
  titles[SUM_TO_UNSKILLED] = _("To unskilled staff");
  titles[SUM_TO_PROFESSIONS] = _("To other professions");
  titles[SUM_TO_TECHNOLOGY] = _("To technology or stopped");
  /* Translators: a column heading in the exported summary: the staffing in FTE (årsværk / årsverk) */
  titles[SUM_FTE] = _("Staffing (FTE)");
  /* Translators: a column heading in the exported summary */
  titles[SUM_HOURS_PER_FTE] = _("Hours per FTE");
  /* Translators: a column heading in the exported summary: FTE × hours per FTE */
  titles[SUM_STAFFED_HOURS] = _("Staffed hours per week");
  /* Translators: a column heading in the exported summary: the tasks mapped as a share of staffed time */
  titles[SUM_MAPPED] = _("Mapped, share of staffed time");
  /* Translators: a column heading in the exported summary */
  titles[SUM_SHARE] = _("Share of staffed time moved");
  /* Translators: a column heading in the exported summary */
  titles[SUM_SHARE_UNSKILLED] = _("… to unskilled staff");
  /* Translators: a column heading in the exported summary */
  titles[SUM_SHARE_PROFESSIONS] = _("… to other professions");
  titles[SUM_FTE_FREED] = _("FTE freed");
  titles[SUM_FTE_NEEDED] = _("FTE needed");
  /* Translators: a column heading in the exported summary: a share of the hours of
   * the tasks mapped, not of working time */
  titles[SUM_SHARE_CATALOGUED] = _("Share of the catalogued hours moved");
  write_header (book, sheet, row++, titles, N_SUM_COLUMNS);

  for (guint i = 0; i < analysis->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);

      put_text (book, sheet, row, SUM_PROFESSION, profession_name (book->portfolio, p->profession_id),
                book->text);
      put_number (book, sheet, row, SUM_TASKS, p->n_tasks_today, book->number);
      put_number (book, sheet, row, SUM_TODAY, p->hours_today, book->hours);
      put_number (book, sheet, row, SUM_AFTER, p->hours_after, book->hours);
      put_number (book, sheet, row, SUM_OUT, p->moved_out, book->hours);
      put_number (book, sheet, row, SUM_IN, p->moved_in, book->hours);
      put_number (book, sheet, row, SUM_TO_UNSKILLED, p->out_to_unskilled, book->hours);
      put_number (book, sheet, row, SUM_TO_PROFESSIONS, p->out_to_professions, book->hours);
      put_number (book, sheet, row, SUM_TO_TECHNOLOGY, p->out_to_technology_or_stopped, book->hours);
      /* Not known is an empty cell, never 0. */
      put_estimate (book, sheet, row, SUM_FTE, p->fte, book->fte);
      if (p->profession_id != NULL)
        put_number (book, sheet, row, SUM_HOURS_PER_FTE, p->hours_per_fte, book->hours);
      put_estimate (book, sheet, row, SUM_STAFFED_HOURS, p->staffed_hours, book->hours);
      if (tm_analysis_profession_has_staffing (p))
        {
          put_number (book, sheet, row, SUM_MAPPED, tm_analysis_profession_coverage (p), book->percent);
          put_number (book, sheet, row, SUM_SHARE, tm_analysis_profession_moved_share (p), book->percent);
          put_number (book, sheet, row, SUM_SHARE_UNSKILLED,
                      tm_analysis_profession_share_of (p, p->out_to_unskilled), book->percent);
          put_number (book, sheet, row, SUM_SHARE_PROFESSIONS,
                      tm_analysis_profession_share_of (p, p->out_to_professions), book->percent);
        }
      put_number (book, sheet, row, SUM_FTE_FREED, p->fte_freed, book->fte);
      put_number (book, sheet, row, SUM_FTE_NEEDED, p->fte_needed, book->fte);
      if (p->hours_today > 0)
        put_number (book, sheet, row, SUM_SHARE_CATALOGUED, p->moved_out / p->hours_today, book->percent);
      row++;
    }

  /* The benchmark, where it was measured: hospital wards */
  if (tm_portfolio_get_setting (book->portfolio) == TM_SETTING_HOSPITAL_WARD)
    {
      row++;
      put_text (book, sheet, row++, 0,
                /* Translators: under the capacity chart; a figure from Danish studies
                 * of hospital wards: keep the numbers */
                /* xgettext:no-c-format */
                _("Benchmark for hospital wards: about 10 % of the nurses' staffed working time to "
                  "unskilled staff + 10 % to other professions. A benchmark, not a target."),
                NULL);
    }
  put_text (book, sheet, row++, 0,
            _("Shares of staffed time are given where the staffing is entered; the share of the "
              "catalogued hours is a share of the tasks mapped, not of working time, and is not "
              "compared with the benchmark."),
            NULL);
  row++;

  /* Training */
  put_text (book, sheet, row++, 0, _("Training needed by the receiving professions"), book->heading);
  if (analysis->training->len == 0)
    put_text (book, sheet, row++, 0, _("No move in this scenario needs training."), NULL);
  else
    {
      const char *training_titles[] = {
        _("Receiving profession"),
        _("Tasks"),
        _("Days in all"),
        /* Translators: a column heading in the exported summary: moves
         * needing training whose length is not given */
        _("Tasks without a length"),
        _("Documented by test"),
        _("Kinds of training"),
      };

      write_header (book, sheet, row++, training_titles, G_N_ELEMENTS (training_titles));
      for (guint i = 0; i < analysis->training->len; i++)
        {
          const TmAnalysisTraining *t = &g_array_index (analysis->training, TmAnalysisTraining, i);
          g_autofree char *kinds = tm_analysis_training_describe (t);

          put_text (book, sheet, row, 0, profession_name (book->portfolio, t->profession_id), book->text);
          put_number (book, sheet, row, 1, t->n_tasks, book->number);
          put_number (book, sheet, row, 2, t->days, book->hours);
          put_number (book, sheet, row, 3, t->n_days_unknown, book->number);
          put_number (book, sheet, row, 4, t->n_tested, book->number);
          put_text (book, sheet, row, 5, kinds, book->text);
          row++;
        }
    }
  row++;

  /* Never silently zero: the tasks without time, by name */
  if (analysis->n_not_estimated > 0)
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u task has no time estimate and is not counted in the hours",
                                                               "%u tasks have no time estimate and are not counted in the hours",
                                                               analysis->n_not_estimated),
                                                  analysis->n_not_estimated);

      put_text (book, sheet, row++, 0, heading, book->heading);
      for (guint i = 0; i < analysis->not_estimated->len; i++)
        {
          TmTask *task = g_ptr_array_index (analysis->not_estimated, i);

          put_text (book, sheet, row, 0, tm_task_get_title (task), NULL);
          put_text (book, sheet, row, 1, tm_task_get_group (task), NULL);
          row++;
        }
    }

  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);
}

/* Sheet 4: the scenarios side by side, one column each */
static void
write_comparison (Book *book)
{
  g_autoptr(TmComparison) comparison = tm_comparison_new (book->portfolio, NULL, NULL);
  guint n = tm_comparison_get_n_scenarios (comparison);
  lxw_worksheet *sheet;
  lxw_row_t row = 0;

  if (n < 2)
    return;

  /* Translators: the name of a spreadsheet's sheet (at most 31 characters,
   * none of [ ] : * ? / \): the scenarios side by side */
  sheet = add_sheet (book, C_("sheet name", "Scenarios"), "Scenarios");
  if (sheet == NULL)
    return;

  set_column (book, sheet, 0, 52, NULL);
  remember (book, worksheet_set_column (sheet, 1, n, 22, NULL));

  put_text (book, sheet, row, 0, tm_view_kind_get_label (TM_VIEW_COMPARISON), book->heading);
  row += 2;
  put_text (book, sheet, row, 0, "", book->header);
  for (guint s = 0; s < n; s++)
    put_text (book, sheet, row, 1 + s, g_ptr_array_index (comparison->names, s), book->header);
  row++;

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const TmComparisonRow *cr = g_ptr_array_index (comparison->rows, r);
      lxw_format *format;

      if (cr->kind == TM_COMPARISON_SECTION)
        {
          row++;
          put_text (book, sheet, row++, 0, cr->label, book->label);
          continue;
        }

      switch (cr->kind)
        {
        case TM_COMPARISON_FTE: format = book->fte; break;
        case TM_COMPARISON_SHARE: format = book->percent; break;
        case TM_COMPARISON_COUNT: format = book->number; break;
        case TM_COMPARISON_HOURS:
        case TM_COMPARISON_SHIFTS:
        case TM_COMPARISON_DAYS:
        case TM_COMPARISON_SECTION:
        default: format = book->hours; break;
        }

      put_text (book, sheet, row, 0, cr->label, book->text);
      for (guint s = 0; s < n; s++)
        put_estimate (book, sheet, row, 1 + s, isnan (cr->values[s]) ? -1 : cr->values[s], format);
      row++;
    }

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const TmComparisonRow *cr = g_ptr_array_index (comparison->rows, r);

      if (cr->note != NULL)
        {
          row++;
          put_text (book, sheet, row++, 0, cr->note, NULL);
        }
    }

  worksheet_freeze_panes (sheet, 3, 1);
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);
}

/* The document date: when the portfolio last changed, so that exporting the
 * same portfolio twice gives the same bytes. */
static time_t
document_date (TmPortfolio *portfolio)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  GFile *file = tm_portfolio_get_file (portfolio);
  g_autofree char *path = NULL;
  time_t date = 0;
  guint64 value;

  /* 0 would mean "now" to libxlsxwriter */
  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 1, G_MAXINT64, &value, NULL))
    return (time_t) value;

  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        date = st.st_mtime;
      if (g_stat (wal, &st) == 0 && st.st_mtime > date)
        date = st.st_mtime;
    }

  return date > 0 ? date : FIXED_DATE;
}

static lxw_error
write_workbook (TmPortfolio *portfolio,
                const char  *scenario_id,
                const char  *path)
{
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_doc_properties properties = { 0 };
  g_autoptr(TmAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) professions = g_ptr_array_new ();
  g_autoptr(GPtrArray) sheet_names = g_ptr_array_new_with_free_func (g_free);
  GListModel *all = tm_portfolio_get_professions (portfolio);
  TmScenario *scenario = tm_portfolio_lookup_scenario (portfolio, scenario_id);
  Book book = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (all, i);

      if (!tm_profession_get_hidden (profession))
        g_ptr_array_add (professions, profession);   /* the portfolio keeps it */
    }

  book.workbook = workbook_new_opt (path, &options);
  if (book.workbook == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;

  analysis = tm_analysis_compute (portfolio, scenario_id);
  book.portfolio = portfolio;
  book.scenario_id = scenario_id;
  book.analysis = analysis;
  book.professions = professions;
  book.sheet_names = sheet_names;

  properties.title = (char *) tm_portfolio_get_unit_name (portfolio);
  properties.subject = scenario ? (char *) tm_scenario_get_name (scenario) : NULL;
  properties.company = (char *) tm_portfolio_get_organisation (portfolio);
  properties.created = document_date (portfolio);
  remember (&book, workbook_set_properties (book.workbook, &properties));

  create_formats (&book);
  write_catalogue (&book);
  write_matrix (&book);
  write_summary (&book);
  write_comparison (&book);

  /* Closing writes the file, and frees the workbook in any case. */
  remember (&book, workbook_close (book.workbook));
  return book.error;
}

static const char *
describe_error (lxw_error error)
{
  switch (error)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      return _("not enough memory");
    case LXW_ERROR_CREATING_XLSX_FILE:
      return _("the file could not be created");
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
      return _("no room for temporary files");
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      return _("writing the file failed; the disk may be full");
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
      return _("the portfolio has more rows or columns than a spreadsheet can hold");
    case LXW_NO_ERROR:
    default:
      return lxw_strerror (error);
    }
}


gboolean
tm_xlsx_export (TmPortfolio  *portfolio,
                const char   *scenario_id,
                GFile        *file,
                GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  TmAtomicFile *atomic;
  const char *tmp_path;
  GListModel *tasks;
  locale_t numeric = (locale_t) 0;
  locale_t old_locale = (locale_t) 0;
  lxw_error result;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);

  scenario_id = resolve_scenario (portfolio, scenario_id);
  if (scenario_id == NULL)
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name */
                   _("Could not export to “%s”: the scenario no longer exists"), name);
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
                   /* Translators: %s is a file name (or address) */
                   _("Could not export to “%s”: a spreadsheet can only be written to a folder on this computer"),
                   name);
      return FALSE;
    }

  tasks = tm_portfolio_get_tasks (portfolio);
  if (g_list_model_get_n_items (tasks) + SUMMARY_EXTRA_ROWS >= LXW_ROW_MAX)
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
                   /* Translators: the first %s is a file name, the second the reason */
                   _("Could not export to “%s”: %s"), name,
                   describe_error (LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE));
      return FALSE;
    }

  /* A temporary file beside the target, renamed over it when complete;
   * libxlsxwriter writes the workbook to its path. */
  atomic = tm_atomic_file_new (file, error);
  if (atomic == NULL)
    return FALSE;
  g_output_stream_close (tm_atomic_file_get_stream (atomic), NULL, NULL);
  tmp_path = tm_atomic_file_get_temp_path (atomic);

  tm_language_push (tm_portfolio_get_language (portfolio));

  /* libxlsxwriter formats numbers with printf(): in a Danish or Norwegian
   * locale 3.5 would become "3,5" and Excel would refuse the file. Numbers in
   * the C locale for this thread; the pushed language stays. */
  {
    locale_t base = duplocale (LC_GLOBAL_LOCALE);

    if (base != (locale_t) 0)
      {
        numeric = newlocale (LC_NUMERIC_MASK, "C", base);
        if (numeric == (locale_t) 0)
          freelocale (base);
      }
    if (numeric != (locale_t) 0)
      old_locale = uselocale (numeric);
    else
      g_warning ("Could not switch numbers to the C locale: %s", g_strerror (errno));
  }

  result = write_workbook (portfolio, scenario_id, tmp_path);

  if (numeric != (locale_t) 0)
    {
      uselocale (old_locale);
      freelocale (numeric);
    }

  /* Messages in the program's language, not the portfolio's */
  tm_language_pop ();

  if (result != LXW_NO_ERROR)
    {
      tm_atomic_file_abort (atomic);
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
                   _("Could not export to “%s”: %s"), name, describe_error (result));
      return FALSE;
    }

  return tm_atomic_file_commit (atomic, error);
}

#endif /* HAVE_XLSXWRITER */
