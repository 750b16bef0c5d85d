#!/bin/sh
# benchmarks/run.sh: builds the benchmarks, generates portfolios of 1,000,
# 10,000 and 100,000 tasks and prints one table of the figures.
#
# Usage: benchmarks/run.sh [BUILDDIR]     (a configured meson build dir; default "build")
#
# Environment:
#   TASKMAP_BENCH_DIR    where the generated portfolios and results go
#                        (default ${TMPDIR:-/tmp}/taskmap-bench; portfolios are reused)
#   TASKMAP_BENCH_SIZES  task counts (default "1000 10000 100000")
#   TASKMAP_BENCH_RUNS   window openings per size (default 3)
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
mkdir -p "$data"

# Build what exists: bench-window only when the GTK interface is built.
targets="benchmarks/tm-gen-portfolio benchmarks/bench-core"
if ninja -C "$build" -t targets all 2>/dev/null | grep -q '^benchmarks/bench-window:'; then
  targets="$targets benchmarks/bench-window"
fi
# shellcheck disable=SC2086
ninja -C "$build" $targets >&2

gen=$build/benchmarks/tm-gen-portfolio
core=$build/benchmarks/bench-core
window=$build/benchmarks/bench-window

# The same environment as the UI tests: no session bus, no stored settings.
export LANG=C.UTF-8
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export GTK_A11Y=none
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build/data"
export TASKMAP_LOCALEDIR="$build/po"

run_window () {
  if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1280x800x24" "$window" "$@"
  elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    "$window" "$@"
  else
    echo "No xvfb-run and no display: skipping the window benchmark" >&2
    return 1
  fi
}

groups_for () {
  case $1 in
    1000) echo 12 ;;
    10000) echo 25 ;;
    *) echo 40 ;;
  esac
}

for n in $sizes; do
  file=$data/portfolio-$n.taskmap
  if [ ! -f "$file" ]; then
    "$gen" --tasks "$n" --groups "$(groups_for "$n")" --seed 1 "$file"
  fi

  echo "bench-core $file" >&2
  "$core" --tsv "$file" > "$data/core-$n.tsv"

  rm -f "$data/window-$n.tsv"
  if [ -x "$window" ]; then
    echo "bench-window $file" >&2
    run_window --tsv --runs "$runs" "$file" > "$data/window-$n.tsv" || rm -f "$data/window-$n.tsv"
  fi
done

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
  done
) | awk -F '\t' -v sizes="$sizes" '
  { value[$1, $2] = $3 }
  function row(key, label, fmt,    i, line, v) {
    line = sprintf ("%-46s", label)
    for (i = 1; i <= n; i++)
      {
        if ((size[i], key) in value)
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
    print "core (bench-core)"
    row("core_open", "  tm_portfolio_open", ".1f")
    row("core_close", "  tm_portfolio_close", ".1f")
    row("core_summary", "  tm_summary_compute, all tasks", ".1f")
    row("core_search_cold", "  search pass, first (folds every task)", ".1f")
    row("core_search", "  search pass, folded text cached", ".1f")
    row("core_groups", "  tm_portfolio_dup_groups", ".1f")
    row("core_analysis", "  tm_analysis_compute", ".1f")
    row("core_export", "  tm_xml_export_data", ".1f")
    row("core_peak_rss_mb", "  peak RSS, MB", ".0f")
    print "window (bench-window)"
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
    row("win_peak_rss_mb", "  peak RSS, MB", ".0f")
  }'
