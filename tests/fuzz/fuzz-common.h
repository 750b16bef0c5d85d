/* fuzz-common.h
 * What the libFuzzer harnesses share: the one-time set-up and the logging
 * rules (see README.md).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "tm-core.h"

/* A broken promise of the core (an error without a GError, a round trip
 * that does not come back): print it and abort, so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond, ...)                                            \
  G_STMT_START {                                                         \
    if (G_UNLIKELY (!(cond)))                                            \
      {                                                                  \
        fprintf (stderr, "FUZZ_CHECK failed at %s:%d: %s: ", __FILE__,   \
                 __LINE__, #cond);                                       \
        fprintf (stderr, __VA_ARGS__);                                   \
        fputc ('\n', stderr);                                            \
        abort ();                                                        \
      }                                                                  \
  } G_STMT_END

static gboolean fuzz_fatal_warnings;

/* Criticals and errors (a g_return_if_fail() that fires, a g_critical() of
 * the core) are bugs on any input: print them and abort. Warnings are
 * dropped unless TM_FUZZ_FATAL_WARNINGS=1; debug and info are dropped. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  gboolean fatal = (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0 ||
                   (fuzz_fatal_warnings && (level & G_LOG_LEVEL_WARNING) != 0);

  if (fatal)
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

/* Once per process, from LLVMFuzzerInitialize(). */
static inline void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  fuzz_fatal_warnings = g_strcmp0 (g_getenv ("TM_FUZZ_FATAL_WARNINGS"), "1") == 0;
  /* Fixed clock and no user configuration: every run of an input is the same. */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_setenv ("TASKMAP_CONFIG_DIR", "/nonexistent/taskmap-fuzz", TRUE);
  tm_core_init (NULL);
}

/* A new in-memory portfolio; aborts if the core cannot make one. */
static inline TmPortfolio *
fuzz_new_portfolio (TmCountry country)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_portfolio_create (NULL, country, "", &error);

  FUZZ_CHECK (portfolio != NULL, "tm_portfolio_create: %s", error ? error->message : "(no error)");
  return portfolio;
}

/* Making a portfolio costs more than most inputs: the empty portfolio an
 * import goes into is kept between inputs while imports fail, and made anew
 * after one succeeded. A failed import promises to leave the portfolio as it
 * was; fuzz_scratch_done() checks that no edit was committed and no task or
 * undo step is left. */
static TmPortfolio *fuzz_scratch[TM_N_COUNTRIES];

static inline TmPortfolio *
fuzz_scratch_take (TmCountry country)
{
  if (fuzz_scratch[country] == NULL)
    fuzz_scratch[country] = fuzz_new_portfolio (country);
  return fuzz_scratch[country];
}

static inline void
fuzz_scratch_done (TmCountry   country,
                   gboolean    imported,
                   const char *what)
{
  TmPortfolio *portfolio = fuzz_scratch[country];

  if (imported)
    {
      g_clear_object (&fuzz_scratch[country]);
      return;
    }
  FUZZ_CHECK (tm_portfolio_get_edit_count (portfolio) == 0 &&
              !tm_portfolio_can_undo (portfolio) &&
              g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)) == 0,
              "%s failed but changed the portfolio (%" G_GUINT64_FORMAT " edits)", what,
              tm_portfolio_get_edit_count (portfolio));
}

/* A function that returned FALSE/NULL must say why, and one that succeeded must not. */
#define FUZZ_CHECK_RESULT(ok, error, what)                                       \
  FUZZ_CHECK (((ok) && (error) == NULL) || (!(ok) && (error) != NULL),           \
              "%s returned %s with %s", what, (ok) ? "success" : "failure",      \
              (error) != NULL ? (error)->message : "no error")

/* What the user does next with a portfolio that came in: the summary and the
 * analysis read every value, and the exchange format must give it back.
 * Export; with @round_trip, import into a new portfolio of the same country
 * and export again: the two exports are the same text (as tests/test-xml.c
 * promises). */
static inline void
fuzz_exercise_portfolio (TmPortfolio *portfolio,
                         const char  *what,
                         gboolean     round_trip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmSummary) summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));
  g_autoptr(TmAnalysis) analysis = tm_analysis_compute (portfolio, NULL);
  g_autoptr(TmPortfolio) copy = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length = 0, second_length = 0;
  gboolean ok;

  FUZZ_CHECK (summary != NULL, "tm_summary_compute gave NULL after %s", what);
  FUZZ_CHECK (analysis != NULL, "tm_analysis_compute gave NULL after %s", what);

  first = tm_xml_export_data (portfolio, &first_length, &error);
  FUZZ_CHECK (first != NULL, "export after %s failed: %s", what,
              error != NULL ? error->message : "(no error)");
  FUZZ_CHECK (first_length == strlen (first), "export after %s has a NUL inside", what);
  if (!round_trip)
    return;

  copy = fuzz_new_portfolio (tm_portfolio_get_country (portfolio));
  ok = tm_xml_import_data (copy, first, first_length, "round-trip.xml", &error);
  FUZZ_CHECK (ok, "the export after %s does not import: %s", what,
              error != NULL ? error->message : "(no error)");

  second = tm_xml_export_data (copy, &second_length, &error);
  FUZZ_CHECK (second != NULL, "second export after %s failed: %s", what,
              error != NULL ? error->message : "(no error)");
  FUZZ_CHECK (first_length == second_length && memcmp (first, second, first_length) == 0,
              "the round trip after %s changed the export (%" G_GSIZE_FORMAT " → %" G_GSIZE_FORMAT " bytes)",
              what, first_length, second_length);
}
