#!/bin/sh
# benchmarks/run.sh: builds the benchmarks, generates portfolios of 1,000,
# 10,000 and 100,000 tasks (plain, and with assessments and moves) and one of
# 2,000 tasks × 30 professions for the matrix, and prints the figures.
#
# Usage: benchmarks/run.sh [BUILDDIR]     (a configured meson build dir; default "build")
#
# Environment:
#   TASKMAP_BENCH_DIR    where the generated portfolios and results go
#                        (default ${TMPDIR:-/tmp}/taskmap-bench; portfolios are reused)
#   TASKMAP_BENCH_SIZES  task counts (default "1000 10000 100000")
#   TASKMAP_BENCH_RUNS   window openings per size (default 3)
#   TASKMAP_BENCH_MATRIX_TASKS  tasks of the matrix portfolio (default 2000)
#   TASKMAP_BENCH_EXCHANGE_RUNS  runs of each export, import and merge (default 3)
#   TASKMAP_BENCH_MERGE  the regional merge: "UNITSxTASKS" (default 200x500; "" skips it)
#   TASKMAP_BENCH_ONLY   which parts to run (default "core window exchange merge matrix");
#                        "exchange" alone times the XML exchange of 10,000 and 100,000
#                        tasks against its targets in a few minutes
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in
  /*) ;;
  *) [ -d "$build" ] || build=$srcdir/$build ;;
esac
build=$(cd "$build" && pwd) || { echo "No build directory $1: run meson setup first" >&2; exit 1; }

data=${TASKMAP_BENCH_DIR:-${TMPDIR:-/tmp}/taskmap-bench}
sizes=${TASKMAP_BENCH_SIZES:-1000 10000 100000}
runs=${TASKMAP_BENCH_RUNS:-3}
matrix_tasks=${TASKMAP_BENCH_MATRIX_TASKS:-2000}
exchange_runs=${TASKMAP_BENCH_EXCHANGE_RUNS:-3}
merge=${TASKMAP_BENCH_MERGE-200x500}
only=${TASKMAP_BENCH_ONLY:-core window exchange merge matrix}
# The exchange's targets are stated for 10,000 and 100,000 tasks.
if [ "$only" = "exchange" ] && [ -z "${TASKMAP_BENCH_SIZES:-}" ]; then
  sizes="10000 100000"
fi
mkdir -p "$data"

# part NAME: whether TASKMAP_BENCH_ONLY asks for it.
part () {
  case " $only " in
    *" $1 "*) return 0 ;;
    *) return 1 ;;
  esac
}

# Build what exists: bench-window and bench-matrix only when the GTK interface is built.
targets="benchmarks/tm-gen-portfolio benchmarks/bench-core benchmarks/bench-exchange src/cli/taskmap-tool"
for gui in bench-window bench-matrix; do
  if ninja -C "$build" -t targets all 2>/dev/null | grep -q "^benchmarks/$gui:"; then
    targets="$targets benchmarks/$gui"
  fi
done
# shellcheck disable=SC2086
ninja -C "$build" $targets >&2

gen=$build/benchmarks/tm-gen-portfolio
core=$build/benchmarks/bench-core
exchange=$build/benchmarks/bench-exchange
tool=$build/src/cli/taskmap-tool
window=$build/benchmarks/bench-window
matrix=$build/benchmarks/bench-matrix

# The same environment as the UI tests: no session bus, no stored settings.
export LANG=C.UTF-8
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export GTK_A11Y=none
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build/data"
export TASKMAP_LOCALEDIR="$build/po"

# run_gui PROGRAM ARGS...: on a virtual 1280×800 display.
run_gui () {
  if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1280x800x24" "$@"
  elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    "$@"
  else
    echo "No xvfb-run and no display: skipping $1" >&2
    return 1
  fi
}

groups_for () {
  case $1 in
    1000) echo 12 ;;
    2000) echo 20 ;;
    10000) echo 25 ;;
    *) echo 40 ;;
  esac
}

for n in $sizes; do
  file=$data/portfolio-$n.taskmap
  if [ ! -f "$file" ] && { part core || part window || part exchange; }; then
    "$gen" --tasks "$n" --groups "$(groups_for "$n")" --seed 1 "$file"
  fi

  rm -f "$data/core-$n.tsv" "$data/window-$n.tsv"
  if part core; then
    echo "bench-core $file" >&2
    "$core" --tsv "$file" > "$data/core-$n.tsv"
  fi

  if part window && [ -x "$window" ]; then
    echo "bench-window $file" >&2
    # Merge Units… of the portfolio cut into units’ files of 500 tasks (200 at 100,000).
    run_gui "$window" --tsv --runs "$runs" --merge-units $((n / 500)) "$file" > "$data/window-$n.tsv" ||
      rm -f "$data/window-$n.tsv"
  fi

  # The same tasks with assessments of 1-4 candidates each, 30 professions and
  # a scenario that moves about 40 % of them: the analysis and the checks.
  file=$data/portfolio-moves-$n.taskmap
  if [ ! -f "$file" ] && { part core || part exchange; }; then
    "$gen" --tasks "$n" --groups "$(groups_for "$n")" --seed 1 \
      --assessments --professions 30 --moves "$file"
  fi
  rm -f "$data/core-moves-$n.tsv"
  if part core; then
    echo "bench-core $file" >&2
    "$core" --tsv --only open,analysis,check "$file" > "$data/core-moves-$n.tsv"
  fi

  # Exchange: XML export and import (in memory and into a new file) beside
  # xmllint --stream on the same file in the same run, and the CSV catalogue
  # out and back in; then, in a process of its own, the memory of importing
  # the export of the portfolio with assessments into a new file.
  rm -f "$data/exchange-$n.tsv" "$data/exchange-moves-$n.tsv" "$data/exchange-memory-$n.tsv"
  if part exchange; then
    echo "bench-exchange $data/portfolio-$n.taskmap" >&2
    "$exchange" --tsv --runs "$exchange_runs" "$data/portfolio-$n.taskmap" > "$data/exchange-$n.tsv"
    echo "bench-exchange $file" >&2
    "$exchange" --tsv --runs "$exchange_runs" "$file" > "$data/exchange-moves-$n.tsv"
    xml=$data/portfolio-moves-$n.xml
    "$tool" export "$file" -o "$xml"
    echo "bench-exchange --import-memory $xml" >&2
    "$exchange" --tsv --import-memory "$xml" > "$data/exchange-memory-$n.tsv"
    rm -f "$xml"
  fi
done

# The regional merge: UNITS unit files of TASKS tasks each, cut from the
# largest portfolio with assessments and moves (or generated), into a new
# region file with tm_merge_units().
rm -f "$data/merge.tsv"
if [ -n "$merge" ] && part merge; then
  units=${merge%x*}
  per_unit=${merge#*x}
  source=
  for n in $sizes; do
    [ "$n" -ge $((units * per_unit)) ] && source=$data/portfolio-moves-$n.taskmap && break
  done
  echo "bench-exchange --merge-units $units --tasks-per-unit $per_unit $source" >&2
  # shellcheck disable=SC2086
  "$exchange" --tsv --runs "$exchange_runs" --merge-units "$units" --tasks-per-unit "$per_unit" \
    $source > "$data/merge.tsv" || true
fi

# The matrix: 2,000 tasks × 30 professions with assessments and moves.
rm -f "$data/matrix.tsv"
if [ -x "$matrix" ] && part matrix; then
  file=$data/portfolio-matrix-$matrix_tasks.taskmap
  if [ ! -f "$file" ]; then
    "$gen" --tasks "$matrix_tasks" --groups "$(groups_for "$matrix_tasks")" --seed 1 \
      --assessments --professions 30 --moves "$file"
  fi
  echo "bench-matrix $file" >&2
  run_gui "$matrix" --tsv --runs "$runs" "$file" > "$data/matrix.tsv" || rm -f "$data/matrix.tsv"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
gtk=$(pkg-config --modversion gtk4 2>/dev/null || echo "?")
echo
echo "Taskmap benchmarks: $(nproc) cores, ${cpu:-unknown CPU}, GTK $gtk, GSK_RENDERER=$GSK_RENDERER"
echo "Times in ms (medians where repeated); results in $data"
echo

# One row per figure, one column per size.
(
  for n in $sizes; do
    for f in "$data/core-$n.tsv" "$data/window-$n.tsv"; do
      [ -f "$f" ] && sed "s/^/$n\t/" "$f"
    done
    f=$data/core-moves-$n.tsv
    [ -f "$f" ] && sed "s/^/$n\tmoves_/" "$f"
    f=$data/exchange-$n.tsv
    [ -f "$f" ] && sed "s/^/$n\t/" "$f"
    f=$data/exchange-moves-$n.tsv
    [ -f "$f" ] && sed "s/^/$n\tmoves_/" "$f"
    f=$data/exchange-memory-$n.tsv
    [ -f "$f" ] && sed "s/^/$n\tmem_/" "$f"
  done
) | awk -F '\t' -v sizes="$sizes" '
  { value[$1, $2] = $3 }
  # A section title, when any of its rows has a figure.
  function section(title, key,    i) {
    for (i = 1; i <= n; i++)
      if ((size[i], key) in value)
        {
          print title
          return
        }
  }
  function row(key, label, fmt,    i, line, v, any) {
    any = 0
    for (i = 1; i <= n; i++)
      if ((size[i], key) in value || (size[i], key "_timeout") in value)
        any = 1
    if (!any)
      return
    line = sprintf ("%-46s", label)
    for (i = 1; i <= n; i++)
      {
        if ((size[i], key "_timeout") in value)
          line = line sprintf ("%12s", sprintf ("> %d", value[size[i], key "_timeout"]))
        else if ((size[i], key) in value)
          line = line sprintf ("%12" fmt, value[size[i], key])
        else
          line = line sprintf ("%12s", "-")
      }
    print line
  }
  END {
    n = split (sizes, size, " ")
    line = sprintf ("%-46s", "tasks")
    for (i = 1; i <= n; i++)
      line = line sprintf ("%12s", size[i])
    print line
    section("core (bench-core)", "core_open")
    row("core_open", "  tm_portfolio_open", ".1f")
    row("core_close", "  tm_portfolio_close", ".1f")
    row("core_summary", "  tm_summary_compute, all tasks", ".1f")
    row("core_search_cold", "  search pass, first (folds every task)", ".1f")
    row("core_search", "  search pass, folded text cached", ".1f")
    row("core_groups", "  tm_portfolio_dup_groups", ".1f")
    row("core_analysis", "  tm_analysis_compute", ".1f")
    row("core_export", "  tm_xml_export_data", ".1f")
    row("core_peak_rss_mb", "  peak RSS, MB", ".0f")
    section("core, with assessments and moves (bench-core)", "moves_core_open")
    row("moves_core_moves", "  moves in the first scenario", ".0f")
    row("moves_core_open", "  tm_portfolio_open", ".1f")
    row("moves_core_analysis", "  tm_analysis_compute, today", ".1f")
    row("moves_core_analysis_scenario", "  tm_analysis_compute, scenario: median", ".1f")
    row("moves_core_analysis_scenario_min", "  tm_analysis_compute, scenario: min", ".1f")
    row("moves_core_analysis_scenario_max", "  tm_analysis_compute, scenario: max", ".1f")
    row("moves_core_move_check", "  tm_move_check, every task", ".1f")
    row("moves_core_peak_rss_mb", "  peak RSS, MB", ".0f")
    for (m = 0; m < 2; m++)
      {
        p = m ? "moves_" : ""
        section(m ? "exchange, with assessments and moves (bench-exchange)" : "exchange (bench-exchange)",
                p "exch_xml_mb")
        row(p "exch_xml_mb", "  XML file, MB", ".1f")
        row(p "exch_export", "  tm_xml_export_data", ".0f")
        row(p "exch_export_file", "  tm_xml_export_file", ".0f")
        row(p "exch_xmllint_stream", "  xmllint --stream --noout (reference)", ".0f")
        row(p "exch_xmllint_stream_xsd", "  xmllint --stream --noout --schema", ".0f")
        row(p "exch_import_mem", "  tm_xml_import_data, new in-memory portfolio", ".0f")
        row(p "exch_import_disk", "  create file + tm_xml_import_file", ".0f")
        row(p "exch_import_mem_x_xmllint", "  import in memory / xmllint (target <= 3)", ".2f")
        row(p "exch_import_disk_x_xmllint", "  import into a file / xmllint (target <= 3)", ".2f")
        row(p "exch_export_file_x_xmllint", "  export to a file / xmllint (target <= 1)", ".2f")
        row(p "exch_import_mem_x_xmllint_cpu", "  import in memory / xmllint, CPU time", ".2f")
        row(p "exch_import_disk_x_xmllint_cpu", "  import into a file / xmllint, CPU time", ".2f")
        row(p "exch_export_file_x_xmllint_cpu", "  export to a file / xmllint, CPU time", ".2f")
        row(p "exch_sqlite_key_order", "  SQLite alone: the rows of the import, key order", ".0f")
        row(p "exch_sqlite_file_order", "  SQLite alone: the same rows, file order", ".0f")
        row(p "exch_floor_read_then_write_x_xmllint", "  least, read then write / xmllint", ".2f")
        row(p "exch_floor_file_order_x_xmllint", "  least, write while reading / xmllint", ".2f")
        row(p "exch_import_undo", "  undo of the import", ".0f")
        row(p "exch_import_items_changed", "  items-changed of the task list, import", ".0f")
        row(p "exch_window_plan", "  window import: plan (main thread)", ".0f")
        row(p "exch_window_apply", "  window import: apply in steps of 20 ms", ".0f")
        row(p "exch_window_apply_longest_step", "  window import: longest step (target <= 100)", ".0f")
        row(p "exch_unit_plan", "  a unit of 500 tasks into it: plan (main thread)", ".0f")
        row(p "exch_csv_export", "  tm_csv_export_catalogue", ".0f")
        row(p "exch_csv_read", "  tm_csv_read", ".0f")
        row(p "exch_csv_import", "  tm_csv_import, new in-memory portfolio", ".0f")
        row(p "exch_import_disk_peak_rss_mb", "  peak RSS, import into a file, MB", ".0f")
      }
    section("exchange targets: the portfolio with assessments (bench-exchange)", "moves_exch_xml_mb")
    row("moves_exch_xml_mb", "  XML file, MB", ".1f")
    row("moves_exch_xmllint_stream", "  xmllint --stream --noout, ms (yardstick)", ".0f")
    row("moves_exch_import_disk_x_xmllint", "  import into a new file / xmllint (<= 3)", ".2f")
    row("moves_exch_floor_read_then_write_x_xmllint", "  the least, SQLite + xmllint alone / xmllint", ".2f")
    row("moves_exch_export_file_x_xmllint", "  export to a file / xmllint (<= 1)", ".2f")
    row("mem_exch_memory_growth_x_xml", "  import: peak memory / XML file (<= 4)", ".2f")
    row("mem_exch_memory_growth_mib", "  import: peak memory above before, MiB", ".0f")
    row("mem_exch_memory_import", "  import for the memory, ms (own process)", ".0f")
    for (i = 1; i <= n; i++)
      {
        if (size[i] == 10000)
          small = i
        if (size[i] == 100000)
          large = i
      }
    if (small && large && ((size[small], "moves_exch_import_disk") in value) &&
        ((size[large], "moves_exch_import_disk") in value))
      {
        printf ("  import, 100,000 / 10,000 tasks: into a file %.1f, in memory %.1f (10 is linear)\n",
                value[size[large], "moves_exch_import_disk"] / value[size[small], "moves_exch_import_disk"],
                value[size[large], "moves_exch_import_mem"] / value[size[small], "moves_exch_import_mem"])
        printf ("  the same in CPU time: into a file %.1f, in memory %.1f\n",
                value[size[large], "moves_exch_import_disk_cpu"] / value[size[small], "moves_exch_import_disk_cpu"],
                value[size[large], "moves_exch_import_mem_cpu"] / value[size[small], "moves_exch_import_mem_cpu"])
      }
    section("window (bench-window)", "win_first_frame")
    row("win_first_frame", "  open to first frame, first window", ".0f")
    row("win_settled_frame", "  open to complete list, first window", ".0f")
    row("win_first_frame_warm", "  open to first frame, later windows", ".0f")
    row("win_filter_medicin", "  search \"medicin\": until shown", ".0f")
    row("win_filter_471", "  search \"471\": until shown", ".0f")
    row("win_filter_none", "  search, no match: until shown", ".0f")
    row("win_clear_medicin", "  clear search: until shown", ".0f")
    row("win_filter_stall_max", "  search/clear: longest stall", ".0f")
    row("win_type_done", "  typing: last key to list (150 ms delay incl.)", ".0f")
    row("win_type_stall", "  typing: longest stall", ".0f")
    row("win_scroll_frame_median", "  scroll a page: frame work, median", ".1f")
    row("win_scroll_frame_max", "  scroll a page: frame work, slowest", ".1f")
    row("win_scroll_latency_max", "  scroll a page: move to frame, slowest", ".1f")
    row("win_jump_latency_max", "  jump middle/end/top: move to frame, slowest", ".0f")
    row("win_sort_title", "  sort by title: until shown", ".0f")
    row("win_sort_title_stall", "  sort by title: longest stall", ".0f")
    row("win_capacity_shown", "  capacity page: until its figures are shown", ".0f")
    row("win_capacity_stall", "  capacity page: longest stall (target <= 100)", ".0f")
    row("win_capacity_edit", "  capacity page, an edit: until shown again", ".0f")
    row("win_capacity_edit_stall", "  capacity page, an edit: longest stall (target <= 100)", ".0f")
    row("win_report_done", "  committee report (PDF): until written", ".0f")
    row("win_report_stall", "  committee report: longest stall (target <= 100)", ".0f")
    row("win_report_bar_gap", "  committee report: longest the bar stood still (target <= 1000)", ".0f")
    row("win_csv_done", "  Import… its catalogue (CSV) into a new portfolio: until shown", ".0f")
    row("win_csv_stall", "  Import… of the CSV: longest stall (target <= 100)", ".0f")
    row("win_import_done", "  Import… its export into a new portfolio: until shown", ".0f")
    row("win_import_stall", "  Import…: longest stall (target <= 100)", ".0f")
    row("win_import_bar_gap", "  Import…: longest the progress bar stood still", ".0f")
    row("win_import_undo", "  Undo of that import: until shown", ".0f")
    row("win_import_undo_stall", "  Undo of that import: longest stall", ".0f")
    row("win_paste_done", "  paste of 10,000 rows onto the region: until shown", ".0f")
    row("win_paste_stall", "  paste: longest stall (target <= 100)", ".0f")
    row("win_merge_files", "  Merge Units…: files of 500 tasks", ".0f")
    row("win_merge_done", "  Merge Units… into a new region: until shown", ".0f")
    row("win_merge_stall", "  Merge Units…: longest stall (target <= 100)", ".0f")
    row("win_merge_bar_gap", "  Merge Units…: longest the bar stood still (target <= 1000)", ".0f")
    row("win_peak_rss_mb", "  peak RSS, MB", ".0f")
  }'

# The merge: one column.
if [ -f "$data/merge.tsv" ]; then
  echo
  awk -F '\t' '
    { value[$1] = $2 }
    function row(key, label, fmt) {
      if (key in value)
        printf ("%-58s%12" fmt "\n", label, value[key])
    }
    END {
      printf ("%-58s%12s\n", "regional merge (bench-exchange --merge-units), ms",
              sprintf ("%d × %d", value["merge_files"], value["merge_tasks_per_unit"]))
      row("merge_files_mb", "  unit files, MB in all", ".1f")
      row("merge_xmllint_stream", "  xmllint --stream --noout, all files (reference)", ".0f")
      row("merge_units", "  create region file + tm_merge_units: median", ".0f")
      row("merge_units_min", "  create region file + tm_merge_units: min", ".0f")
      row("merge_units_max", "  create region file + tm_merge_units: max", ".0f")
      row("merge_tasks_after", "  tasks in the region", ".0f")
      row("merge_units_after", "  units in the region", ".0f")
      row("merge_progress_longest_gap", "  longest gap between progress reports", ".0f")
      row("merge_peak_rss_mb", "  peak RSS, MB", ".0f")
      if ("merge_failed" in value)
        print "  tm_merge_units failed (see the messages above)"
    }' "$data/merge.tsv"
fi

# The matrix: one column.
[ -f "$data/matrix.tsv" ] || exit 0
echo
awk -F '\t' '
  { value[$1] = $2 }
  function row(key, label, fmt) {
    if (key in value)
      printf ("%-58s%12" fmt "\n", label, value[key])
  }
  END {
    printf ("%-58s%12s\n", "matrix (bench-matrix), ms", sprintf ("%d × %d", value["mat_tasks"], value["mat_professions_in_play"]))
    row("mat_core_in_play", "  core: tm_matrix_professions_in_play", ".1f")
    row("mat_core_layout", "  core: tm_matrix_layout_new", ".1f")
    row("mat_core_draw", "  core: draw one screen (image surface)", ".1f")
    row("mat_first_frame_cold", "  window to first frame, first window", ".0f")
    row("mat_first_frame", "  window to first frame, later windows", ".0f")
    row("mat_baseline_work_median", "  empty 1280×800 window redrawn: frame time, median", ".1f")
    row("mat_pages_work_median", "  scroll a page: frame time, median", ".1f")
    row("mat_pages_work_p95", "  scroll a page: frame time, 95th percentile", ".1f")
    row("mat_pages_work_max", "  scroll a page: frame time, max", ".1f")
    row("mat_pages_work_over", "  scroll a page: frames over 16.7 ms (of 100)", ".0f")
    row("mat_pages_snapshot_median", "  scroll a page: in snapshot(), median", ".1f")
    row("mat_pages_late", "  scroll a page: frames missed", ".0f")
    row("mat_rows_work_median", "  scroll a row: frame time, median", ".1f")
    row("mat_rows_work_p95", "  scroll a row: frame time, 95th percentile", ".1f")
    row("mat_rows_work_max", "  scroll a row: frame time, max", ".1f")
    row("mat_rows_work_over", "  scroll a row: frames over 16.7 ms (of 200)", ".0f")
    row("mat_rows_snapshot_median", "  scroll a row: in snapshot(), median", ".1f")
    row("mat_rows_late", "  scroll a row: frames missed", ".0f")
    row("mat_keys_call_median", "  Down key: in the key handler, median", ".2f")
    row("mat_keys_call_max", "  Down key: in the key handler, max", ".2f")
    row("mat_keys_work_median", "  Down key: frame time, median", ".1f")
    row("mat_keys_work_p95", "  Down key: frame time, 95th percentile", ".1f")
    row("mat_keys_work_max", "  Down key: frame time, max", ".1f")
    row("mat_keys_work_over", "  Down key: frames over 16.7 ms (of 500)", ".0f")
    row("mat_edit_call_median", "  Return (choose a move): edit stored, median", ".1f")
    row("mat_edit_rebuild_median", "  Return: layout rebuilt, median", ".1f")
    row("mat_edit_latency_median", "  Return: key to frame shown, median", ".0f")
    row("mat_edit_latency_max", "  Return: key to frame shown, max", ".0f")
    row("mat_peak_rss_mb", "  peak RSS, MB", ".0f")
  }' "$data/matrix.tsv"
