/* tm-move-card.c
 * A move on a card: its content as data and as a drawing, shared by the
 * workshop board and the committee report.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-move-card"

#include "config.h"

#include <math.h>
#include "model/tm-i18n-private.h"

#include "render/tm-move-card.h"
#include "render/tm-draw-private.h"
#include "render/tm-report-words-private.h"

/* The lines of a card, top to bottom */
typedef enum {
  LINE_STATUS,
  LINE_TITLE,
  LINE_MOVE,
  LINE_AMOUNT,
  LINE_SUITABILITY,
  LINE_TRAINING,
  LINE_CHECKLIST,
  LINE_QUALITY,
  LINE_RISK,
  N_LINES
} Line;

/* The first line below the rule that parts the move from its assessment */
#define FIRST_ASSESSMENT_LINE LINE_CHECKLIST

struct _TmMoveCard
{
  GObject        parent_instance;

  /* Owned */
  TmTask        *task;
  char          *scenario_id;
  char          *to_id;
  char          *texts[N_LINES];
  char          *from;
  char          *to;
  char          *purpose;
  char          *note;
  char          *status_note;
  char          *status_label;     /* the status and its date, without the mark */
  char          *quality_words;    /* the five components in words */
  char          *checklist_counts; /* the checklist's line without its label */

  TmMoveKind     kind;
  TmMoveStatus   status;
  gint64         status_time;
  double         share;
  double         hours;
  double         fte;
  TmSuitability  suitability;
  TmComplexity   complexity_limit;
  TmTraining     training;
  double         training_days;
  guint          n_checks[TM_N_CHECK_STATES];
  TmRating       quality[TM_N_QUALITY_COMPONENTS];
  TmRisk         risk;

  /* The layouts of the last font scale and width drawn or measured */
  PangoContext  *context;
  PangoLayout   *layouts[N_LINES];
  double         heights[N_LINES];
  double         cached_scale;
  double         cached_width;
};

G_DEFINE_FINAL_TYPE (TmMoveCard, tm_move_card, G_TYPE_OBJECT)

static const char * const rating_symbols[TM_N_RATINGS] = {
  [TM_RATING_UNKNOWN] = "?",
  [TM_RATING_BETTER] = "▲",
  [TM_RATING_SAME] = "◆",
  [TM_RATING_WORSE] = "▼",
};

const char *
tm_move_card_get_rating_symbol (TmRating rating)
{
  g_return_val_if_fail ((guint) rating < TM_N_RATINGS, "?");
  return rating_symbols[rating];
}

/* Hours a week that @move takes from the task's performers, counted as
 * analyse_task() in tm-analysis.c counts them: each performer's part by its
 * share, the part the receiving profession already performs staying where
 * it is. TM_NOT_ESTIMATED without a time estimate. The test of the cards
 * checks that they add up to TmAnalysis.moved_hours. */
static double
moved_hours (const TmTaskData *data,
             const TmMove     *move)
{
  double hours = tm_task_data_get_hours_per_week (data);
  double total_share = 0, moved = 0;
  guint n = data->performers->len;

  if (hours < 0)
    return TM_NOT_ESTIMATED;

  for (guint i = 0; i < n; i++)
    total_share += g_array_index (data->performers, TmPerformer, i).share;

  for (guint i = 0; i < MAX (n, 1); i++)
    {
      const char *from = n ? g_array_index (data->performers, TmPerformer, i).profession_id : NULL;
      double fraction;

      if (n == 0)
        fraction = 1;
      else if (total_share > 0)
        fraction = g_array_index (data->performers, TmPerformer, i).share / total_share;
      else
        fraction = 1.0 / n;

      if (move->kind == TM_MOVE_TO_PROFESSION && g_strcmp0 (move->profession_id, from) == 0)
        continue;
      moved += hours * fraction * move->share / 100.0;
    }
  return moved;
}

/* The weekly hours of one FTE that the card's hours are counted in, from
 * the analysis: the receiving profession's, or for a task to stop or to
 * technology the largest performer's. */
static double
hours_per_fte (TmPortfolio      *portfolio,
               TmAnalysis       *analysis,
               const TmTaskData *data,
               const TmMove     *move)
{
  const char *id = NULL;
  const TmAnalysisProfession *entry;

  if (move->kind == TM_MOVE_TO_PROFESSION)
    id = move->profession_id;
  else
    {
      double largest = -1;

      for (guint i = 0; i < data->performers->len; i++)
        {
          const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);

          if (p->share > largest)
            {
              largest = p->share;
              id = p->profession_id;
            }
        }
    }

  entry = tm_analysis_get_profession (analysis, id);
  if (entry != NULL && entry->hours_per_fte > 0)
    return entry->hours_per_fte;
  return tm_country_get_hours_per_fte (tm_portfolio_get_country (portfolio));
}

static char *
format_share (double share)
{
  g_autofree char *number = tm_language_format_number (share, share == floor (share) ? 0 : 1);

  /* Translators: a percentage in the committee report, e.g. "12.5 %"; use
   * your language's spacing */
  return g_strdup_printf (_("%s %%"), number);
}

static char *
dup_performers (TmPortfolio      *portfolio,
                const TmTaskData *data)
{
  GString *s = g_string_new (NULL);

  if (data->performers->len == 1)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, 0);

      g_string_append (s, _tm_draw_profession_name (portfolio, p->profession_id));
      return g_string_free (s, FALSE);
    }

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      g_autofree char *share = format_share (p->share);

      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append_printf (s, "%s %s", _tm_draw_profession_name (portfolio, p->profession_id), share);
    }
  if (s->len == 0)
    g_string_append (s, _tm_draw_profession_name (portfolio, NULL));
  return g_string_free (s, FALSE);
}

static char *
dup_checklist_counts (TmMoveCard *self)
{
  g_autoptr(GString) counts = g_string_new (NULL);
  guint fine = self->n_checks[TM_CHECK_FINE];
  guint concerns = self->n_checks[TM_CHECK_CONCERN];
  guint open = self->n_checks[TM_CHECK_NOT_CONSIDERED];
  guint not_relevant = self->n_checks[TM_CHECK_NOT_RELEVANT];

  /* Translators: on a move's card: how many of the checklist's items are
   * answered "considered, fine", e.g. "12 of 16 fine" */
  g_string_append_printf (counts, _("%u of %u fine"), fine, (guint) TM_N_CHECK_ITEMS);
  if (not_relevant > 0)
    /* Translators: on a move's card: items of the checklist answered "not relevant" */
    {
      g_string_append (counts, " · ");
      g_string_append_printf (counts, g_dngettext (GETTEXT_PACKAGE, "%u not relevant", "%u not relevant",
                                                   not_relevant),
                              not_relevant);
    }
  if (concerns > 0)
    {
      g_string_append (counts, " · ");
      g_string_append_printf (counts, g_dngettext (GETTEXT_PACKAGE, "%u concern", "%u concerns", concerns),
                              concerns);
    }
  if (open > 0)
    /* Translators: on a move's card: items of the checklist not yet considered */
    {
      g_string_append (counts, " · ");
      g_string_append_printf (counts, g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open", open), open);
    }

  return g_string_free (g_steal_pointer (&counts), FALSE);
}

static void
fill (TmMoveCard       *self,
      TmPortfolio      *portfolio,
      TmAnalysis       *analysis,
      const TmTaskData *data,
      const TmMove     *move)
{
  const TmMoveReview *review = tm_task_data_get_review (data, self->scenario_id);
  const TmAssessment *assessment = NULL;
  TmCountry country = tm_portfolio_get_country (portfolio);
  g_autoptr(GString) quality = g_string_new (NULL);
  g_autoptr(GString) quality_words = g_string_new (NULL);
  g_autofree char *share = NULL;
  g_autofree char *amount = NULL;

  self->kind = move->kind;
  self->share = move->share;
  self->to_id = move->kind == TM_MOVE_TO_PROFESSION ? g_strdup (move->profession_id) : NULL;
  if (move->kind == TM_MOVE_TO_PROFESSION)
    assessment = tm_task_data_get_assessment (data, move->profession_id);

  /* The move and what it amounts to */
  self->from = dup_performers (portfolio, data);
  switch (move->kind)
    {
    case TM_MOVE_TO_PROFESSION:
      self->to = g_strdup (_tm_draw_profession_name (portfolio, move->profession_id));
      break;
    case TM_MOVE_STOP:
      /* Translators: a destination in the flow chart: the task is no longer done */
      self->to = g_strdup (_("Stopped"));
      break;
    case TM_MOVE_TECHNOLOGY:
    case TM_N_MOVE_KINDS:
    default:
      /* Translators: a destination in the flow chart */
      self->to = g_strdup (_("Technology"));
      break;
    }
  self->texts[LINE_TITLE] = g_strdup (data->title != NULL ? data->title : "");
  /* Translators: a change of status, from the old to the new, e.g. "Proposed → Agreed in workshop" */
  self->texts[LINE_MOVE] = g_strdup_printf (_("%s → %s"), self->from, self->to);

  self->hours = moved_hours (data, move);
  self->fte = self->hours >= 0 ? self->hours / hours_per_fte (portfolio, analysis, data, move) : -1;
  share = format_share (move->share);
  if (self->hours < 0)
    amount = g_strdup_printf ("%s · %s", share,
                              /* Translators: hours per week of a task without a time estimate */
                              C_("hours", "Not estimated"));
  else
    {
      g_autofree char *hours = tm_format_hours_value (self->hours);
      g_autofree char *fte = tm_format_fte_value (self->fte);
      /* Translators: on a move's card: the hours a week that move, e.g. "2.9 h a week" */
      g_autofree char *hours_text = g_strdup_printf (_("%s h a week"), hours);
      /* Translators: a number of FTE, e.g. "2.5 FTE" */
      g_autofree char *fte_text = g_strdup_printf (_("%s FTE"), fte);

      amount = g_strdup_printf ("%s · %s · %s", share, hours_text, fte_text);
    }
  self->texts[LINE_AMOUNT] = g_steal_pointer (&amount);

  /* The receiving profession's assessment */
  self->suitability = assessment ? assessment->suitability : TM_SUITABILITY_NOT_ASSESSED;
  self->complexity_limit = assessment ? assessment->complexity_limit : TM_COMPLEXITY_NOT_ASSESSED;
  self->training = assessment ? assessment->training : TM_TRAINING_NONE;
  self->training_days = assessment ? assessment->training_days : -1;
  self->purpose = g_strdup (assessment && assessment->purpose ? assessment->purpose : "");
  self->note = g_strdup (assessment && assessment->note ? assessment->note : "");

  if (move->kind == TM_MOVE_TO_PROFESSION)
    {
      const char *symbol = tm_suitability_get_symbol (self->suitability);
      g_autofree char *suitability = NULL;

      /* "Not assessed" needs no symbol: the matrix's dot is for its empty cells */
      if (self->suitability != TM_SUITABILITY_NOT_ASSESSED && symbol != NULL && *symbol != '\0')
        suitability = g_strdup_printf ("%s %s", symbol, tm_suitability_get_label (self->suitability));
      else
        suitability = g_strdup (tm_suitability_get_label (self->suitability));

      if (self->complexity_limit != TM_COMPLEXITY_NOT_ASSESSED)
        {
          /* Translators: on a move's card: up to which patient complexity the
           * receiving profession may take the task, e.g. "Complexity limit: Moderate" */
          g_autofree char *limit = g_strdup_printf (_("Complexity limit: %s"),
                                                    tm_complexity_get_label (self->complexity_limit));

          self->texts[LINE_SUITABILITY] = g_strdup_printf ("%s · %s", suitability, limit);
        }
      else
        self->texts[LINE_SUITABILITY] = g_steal_pointer (&suitability);

      if (self->training != TM_TRAINING_NONE && self->training_days >= 0)
        {
          g_autofree char *days = tm_language_format_number (self->training_days,
                                                             self->training_days == floor (self->training_days) ? 0 : 1);
          g_autofree char *days_text =
            /* Translators: on a move's card: the length of the training */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                          self->training_days == 1 ? 1 : 2),
                             days);

          self->texts[LINE_TRAINING] = g_strdup_printf ("%s · %s", tm_training_get_label (self->training),
                                                        days_text);
        }
      else
        self->texts[LINE_TRAINING] = g_strdup (tm_training_get_label (self->training));
    }
  else
    {
      self->texts[LINE_SUITABILITY] = g_strdup_printf ("%s %s",
                                                       move->kind == TM_MOVE_STOP ? TM_DRAW_SYMBOL_STOP
                                                                                  : TM_DRAW_SYMBOL_TECHNOLOGY,
                                                       tm_move_kind_get_label (move->kind));
      self->texts[LINE_TRAINING] = g_strdup ("");
    }

  /* The review: status, checklist, quality, risk */
  self->status = review ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED;
  self->risk = review ? review->risk : TM_RISK_NOT_ASSESSED;
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    self->n_checks[review ? review->checks[i].state : TM_CHECK_NOT_CONSIDERED]++;
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    self->quality[i] = review ? review->quality[i].rating : TM_RATING_UNKNOWN;

  if (review != NULL && review->status_log->len > 0)
    {
      const TmStatusChange *last = &g_array_index (review->status_log, TmStatusChange,
                                                   review->status_log->len - 1);

      self->status_time = last->when;
      self->status_note = g_strdup (last->note ? last->note : "");
    }
  else
    self->status_note = g_strdup ("");

  if (self->status_time != 0)
    {
      g_autofree char *day = _tm_report_format_day (self->status_time);

      self->status_label = g_strdup_printf ("%s · %s", tm_move_status_get_label (self->status, country), day);
    }
  else
    self->status_label = g_strdup (tm_move_status_get_label (self->status, country));
  self->texts[LINE_STATUS] = g_strdup_printf ("%s %s", tm_draw_move_status_mark (self->status),
                                              self->status_label);

  self->checklist_counts = dup_checklist_counts (self);
  /* Translators: %s is an item of the checklist */
  self->texts[LINE_CHECKLIST] = g_strdup_printf (_("Checklist: %s"), self->checklist_counts);

  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      if (i > 0)
        {
          g_string_append_c (quality, ' ');
          /* Translators: the separator between the items of a list, as in "Day, Night" */
          g_string_append (quality_words, C_("list", ", "));
        }
      g_string_append_printf (quality, "%u%s", i + 1, rating_symbols[self->quality[i]]);
      {
        g_autofree char *rating = g_utf8_strdown (tm_rating_get_label (self->quality[i]), -1);

        g_string_append_printf (quality_words, "%s %s", tm_quality_component_get_label (i), rating);
      }
    }
  /* Translators: %s is a quality component such as "Minimal risk to patients" */
  self->texts[LINE_QUALITY] = g_strdup_printf (_("Quality: %s"), quality->str);
  self->quality_words = g_strdup_printf (_("Quality: %s"), quality_words->str);

  {
    /* Translators: on a move's card: the risk of the move, e.g. "Risk: Medium" */
    g_autofree char *risk = g_strdup_printf (_("Risk: %s"), tm_risk_get_label (self->risk));

    if (self->risk == TM_RISK_HIGH)
      self->texts[LINE_RISK] = g_strdup_printf ("⚠\u00a0%s", risk);
    else
      self->texts[LINE_RISK] = g_steal_pointer (&risk);
  }
}

static void
clear_layouts (TmMoveCard *self)
{
  for (guint i = 0; i < N_LINES; i++)
    g_clear_object (&self->layouts[i]);
  self->cached_scale = 0;
  self->cached_width = 0;
}

static void
tm_move_card_finalize (GObject *object)
{
  TmMoveCard *self = TM_MOVE_CARD (object);

  clear_layouts (self);
  g_clear_object (&self->context);
  g_clear_object (&self->task);
  g_free (self->scenario_id);
  g_free (self->to_id);
  for (guint i = 0; i < N_LINES; i++)
    g_free (self->texts[i]);
  g_free (self->from);
  g_free (self->to);
  g_free (self->purpose);
  g_free (self->note);
  g_free (self->status_note);
  g_free (self->status_label);
  g_free (self->quality_words);
  g_free (self->checklist_counts);

  G_OBJECT_CLASS (tm_move_card_parent_class)->finalize (object);
}

static void
tm_move_card_class_init (TmMoveCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tm_move_card_finalize;
}

static void
tm_move_card_init (TmMoveCard *self)
{
  self->training_days = -1;
}

TmMoveCard *
tm_move_card_new_with_analysis (TmPortfolio *portfolio,
                                TmTask      *task,
                                const char  *scenario_id,
                                TmAnalysis  *analysis)
{
  g_autoptr(TmAnalysis) own = NULL;
  const TmTaskData *data;
  const TmMove *move;
  TmMoveCard *self;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (TM_IS_TASK (task), NULL);
  g_return_val_if_fail (scenario_id != NULL, NULL);
  g_return_val_if_fail (analysis == NULL || g_strcmp0 (analysis->scenario_id, scenario_id) == 0, NULL);

  data = tm_task_peek_data (task);
  move = tm_task_data_get_move (data, scenario_id);
  if (move == NULL)
    return NULL;

  if (analysis == NULL)
    analysis = own = tm_analysis_compute (portfolio, scenario_id);

  self = g_object_new (TM_TYPE_MOVE_CARD, NULL);
  self->task = g_object_ref (task);
  self->scenario_id = g_strdup (scenario_id);
  fill (self, portfolio, analysis, data, move);
  return self;
}

TmMoveCard *
tm_move_card_new (TmPortfolio *portfolio,
                  TmTask      *task,
                  const char  *scenario_id)
{
  return tm_move_card_new_with_analysis (portfolio, task, scenario_id, NULL);
}

/* Getters */

TmTask *
tm_move_card_get_task (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), NULL);
  return self->task;
}

const char *
tm_move_card_get_scenario_id (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), NULL);
  return self->scenario_id;
}

TmMoveKind
tm_move_card_get_kind (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_MOVE_TO_PROFESSION);
  return self->kind;
}

const char *
tm_move_card_get_to_id (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), NULL);
  return self->to_id;
}

TmMoveStatus
tm_move_card_get_status (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_STATUS_PROPOSED);
  return self->status;
}

gint64
tm_move_card_get_status_time (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), 0);
  return self->status_time;
}

double
tm_move_card_get_share (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), 0);
  return self->share;
}

double
tm_move_card_get_hours (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_NOT_ESTIMATED);
  return self->hours;
}

double
tm_move_card_get_fte (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), -1);
  return self->fte;
}

TmSuitability
tm_move_card_get_suitability (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_SUITABILITY_NOT_ASSESSED);
  return self->suitability;
}

TmComplexity
tm_move_card_get_complexity_limit (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_COMPLEXITY_NOT_ASSESSED);
  return self->complexity_limit;
}

TmTraining
tm_move_card_get_training (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_TRAINING_NONE);
  return self->training;
}

double
tm_move_card_get_training_days (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), -1);
  return self->training_days;
}

guint
tm_move_card_get_n_checks (TmMoveCard   *self,
                           TmCheckState  state)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), 0);
  g_return_val_if_fail ((guint) state < TM_N_CHECK_STATES, 0);
  return self->n_checks[state];
}

TmRating
tm_move_card_get_rating (TmMoveCard         *self,
                         TmQualityComponent  component)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_RATING_UNKNOWN);
  g_return_val_if_fail ((guint) component < TM_N_QUALITY_COMPONENTS, TM_RATING_UNKNOWN);
  return self->quality[component];
}

TmRisk
tm_move_card_get_risk (TmMoveCard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_CARD (self), TM_RISK_NOT_ASSESSED);
  return self->risk;
}

#define TEXT_GETTER(name, field)                          \
  const char *                                            \
  tm_move_card_get_##name (TmMoveCard *self)              \
  {                                                       \
    g_return_val_if_fail (TM_IS_MOVE_CARD (self), NULL);  \
    return self->field;                                   \
  }

TEXT_GETTER (title, texts[LINE_TITLE])
TEXT_GETTER (from, from)
TEXT_GETTER (to, to)
TEXT_GETTER (move_text, texts[LINE_MOVE])
TEXT_GETTER (amount_text, texts[LINE_AMOUNT])
TEXT_GETTER (suitability_text, texts[LINE_SUITABILITY])
TEXT_GETTER (training_text, texts[LINE_TRAINING])
TEXT_GETTER (status_text, texts[LINE_STATUS])
TEXT_GETTER (checklist_text, texts[LINE_CHECKLIST])
TEXT_GETTER (checklist_counts, checklist_counts)
TEXT_GETTER (quality_text, texts[LINE_QUALITY])
TEXT_GETTER (risk_text, texts[LINE_RISK])
TEXT_GETTER (purpose, purpose)
TEXT_GETTER (note, note)
TEXT_GETTER (status_note, status_note)

#undef TEXT_GETTER

char *
tm_move_card_dup_accessible_description (TmMoveCard *self)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const Line lines[] = { LINE_TITLE, LINE_MOVE, LINE_AMOUNT, LINE_SUITABILITY, LINE_TRAINING };

  g_return_val_if_fail (TM_IS_MOVE_CARD (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (self->texts[lines[i]] != NULL && *self->texts[lines[i]] != '\0')
      g_string_append_printf (s, "%s. ", self->texts[lines[i]]);

  /* Translators: in the move section of the assessment pane; %s is the move's status */
  g_string_append_printf (s, _("Status: %s"), self->status_label);
  g_string_append (s, ". ");
  g_string_append_printf (s, "%s. %s. %s.", self->texts[LINE_CHECKLIST], self->quality_words,
                          self->texts[LINE_RISK]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Drawing */

static guint
line_flags (TmMoveCard *self,
            Line        line)
{
  switch (line)
    {
    case LINE_STATUS:
      return TM_TEXT_SMALL | TM_TEXT_BOLD | TM_TEXT_WRAP;
    case LINE_TITLE:
      return TM_TEXT_SUBTITLE | TM_TEXT_BOLD | TM_TEXT_WRAP;
    case LINE_AMOUNT:
      return TM_TEXT_BOLD | TM_TEXT_WRAP;
    case LINE_RISK:
      return TM_TEXT_SMALL | TM_TEXT_WRAP | (self->risk == TM_RISK_HIGH ? TM_TEXT_BOLD : 0);
    case LINE_CHECKLIST:
    case LINE_QUALITY:
      return TM_TEXT_SMALL | TM_TEXT_WRAP;
    case LINE_MOVE:
    case LINE_SUITABILITY:
    case LINE_TRAINING:
    case N_LINES:
    default:
      return TM_TEXT_WRAP;
    }
}

static double
padding (const TmDrawStyle *style)
{
  return _tm_draw_unit (style) * 0.6;
}

static void
ensure_layouts (TmMoveCard        *self,
                const TmDrawStyle *style,
                double             width)
{
  double inner = MAX (1, width - 2 * padding (style));

  if (self->layouts[0] != NULL && self->cached_scale == style->font_scale && self->cached_width == width)
    return;

  clear_layouts (self);
  if (self->context == NULL)
    self->context = _tm_draw_create_context ();

  for (guint i = 0; i < N_LINES; i++)
    {
      self->layouts[i] = _tm_draw_layout_new (self->context, style, self->texts[i], line_flags (self, i), inner);
      if (self->texts[i] == NULL || *self->texts[i] == '\0')
        self->heights[i] = 0;
      else
        _tm_draw_layout_get_size (self->layouts[i], NULL, &self->heights[i]);
    }
  self->cached_scale = style->font_scale;
  self->cached_width = width;
}

/* The height of the band that carries the status */
static double
band_height (TmMoveCard        *self,
             const TmDrawStyle *style)
{
  return self->heights[LINE_STATUS] + padding (style) * 1.2;
}

double
tm_move_card_get_height (TmMoveCard        *self,
                         const TmDrawStyle *style,
                         double             width)
{
  double unit, pad, height;

  g_return_val_if_fail (TM_IS_MOVE_CARD (self), 0);
  g_return_val_if_fail (style != NULL, 0);

  ensure_layouts (self, style, width);
  unit = _tm_draw_unit (style);
  pad = padding (style);

  height = band_height (self, style) + pad * 0.8;
  for (guint i = LINE_TITLE; i < N_LINES; i++)
    {
      if (i == FIRST_ASSESSMENT_LINE)
        height += unit * 0.6;   /* the rule between the move and its assessment */
      if (self->heights[i] > 0)
        height += self->heights[i] + unit * 0.15;
    }
  return ceil (height + pad);
}

void
tm_move_card_draw (TmMoveCard        *self,
                   cairo_t           *cr,
                   const TmDrawStyle *style,
                   double             width,
                   double             height,
                   gboolean           focused)
{
  double unit, pad, band, y;
  TmColor band_fill;

  g_return_if_fail (TM_IS_MOVE_CARD (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  ensure_layouts (self, style, width);
  unit = _tm_draw_unit (style);
  pad = padding (style);
  band = band_height (self, style);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  /* The paper and the status band; a decided move's band is darker, but its
   * mark and words say the same */
  cairo_rectangle (cr, 0, 0, width, height);
  _tm_draw_set_color (cr, &style->background);
  cairo_fill (cr);
  band_fill = style->header;
  if (self->status >= TM_STATUS_APPROVED && self->status <= TM_STATUS_EVALUATED)
    band_fill = _tm_color_mix (&style->header, &style->foreground, 0.12);
  cairo_rectangle (cr, 0, 0, width, band);
  _tm_draw_set_color (cr, &band_fill);
  cairo_fill (cr);

  _tm_draw_show_layout (cr, self->layouts[LINE_STATUS], NULL, &style->foreground, pad, pad * 0.6);

  y = band + pad * 0.8;
  for (guint i = LINE_TITLE; i < N_LINES; i++)
    {
      const TmColor *color = &style->foreground;

      if (i == FIRST_ASSESSMENT_LINE)
        {
          cairo_save (cr);
          _tm_draw_set_color (cr, &style->rule);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, pad, floor (y + unit * 0.25) + 0.5);
          cairo_line_to (cr, width - pad, floor (y + unit * 0.25) + 0.5);
          cairo_stroke (cr);
          cairo_restore (cr);
          y += unit * 0.6;
        }
      if (self->heights[i] <= 0)
        continue;
      if (i == LINE_CHECKLIST || i == LINE_QUALITY || (i == LINE_RISK && self->risk != TM_RISK_HIGH))
        color = &style->muted;
      _tm_draw_show_layout (cr, self->layouts[i], NULL, color, pad, y);
      y += self->heights[i] + unit * 0.15;
    }

  /* The outline: thin, or thick in the accent colour around the focused card */
  if (focused)
    {
      double w = MAX (3, unit * 0.25);

      cairo_rectangle (cr, w / 2, w / 2, width - w, height - w);
      _tm_draw_set_color (cr, &style->accent);
      cairo_set_line_width (cr, w);
    }
  else
    {
      cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
      _tm_draw_set_color (cr, style->high_contrast ? &style->foreground : &style->rule);
      cairo_set_line_width (cr, 1);
    }
  cairo_stroke (cr);

  cairo_restore (cr);
}

double
tm_move_card_draw_legend (cairo_t           *cr,
                          const TmDrawStyle *style,
                          TmCountry          country,
                          double             width)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();
  g_autoptr(GString) statuses = g_string_new (NULL);
  g_autoptr(GString) ratings = g_string_new (NULL);
  g_autoptr(GString) components = g_string_new (NULL);
  double unit = _tm_draw_unit (style);
  double y = 0;
  const TmRating order[] = { TM_RATING_BETTER, TM_RATING_SAME, TM_RATING_WORSE, TM_RATING_UNKNOWN };

  g_return_val_if_fail (style != NULL, 0);

  for (guint s = 0; s < TM_N_STATUSES; s++)
    {
      if (s > 0)
        g_string_append (statuses, "   ");
      g_string_append_printf (statuses, "%s %s", tm_draw_move_status_mark (s), tm_move_status_get_label (s, country));
    }
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (i > 0)
        g_string_append (ratings, "   ");
      g_string_append_printf (ratings, "%s %s", rating_symbols[order[i]], tm_rating_get_label (order[i]));
    }
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      if (i > 0)
        g_string_append (components, "   ");
      g_string_append_printf (components, "%u %s", i + 1, tm_quality_component_get_label (i));
    }

  y += _tm_draw_text (cr, context, style, statuses->str, TM_TEXT_SMALL | TM_TEXT_WRAP, &style->foreground,
                      0, y, width);
  y += unit * 0.3;
  {
    /* Translators: in the legend of the move cards: the symbols of the quality
     * grid; %s is the list of symbols with their meaning */
    g_autofree char *text = g_strdup_printf (_("Quality (WHO’s five components): %s"), ratings->str);

    y += _tm_draw_text (cr, context, style, text, TM_TEXT_SMALL | TM_TEXT_WRAP, &style->foreground,
                        0, y, width);
  }
  y += unit * 0.15;
  y += _tm_draw_text (cr, context, style, components->str, TM_TEXT_SMALL | TM_TEXT_WRAP, &style->muted,
                      0, y, width);
  return y;
}
