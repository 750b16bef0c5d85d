#!/usr/bin/env bash
# Runs one libFuzzer harness of tests/fuzz (see README.md).
#   run-fuzz.sh fuzz    HARNESS NAME OUTDIR   fuzz TM_FUZZ_SECONDS (60) from corpus/NAME
#   run-fuzz.sh regress HARNESS NAME OUTDIR   run every file of regressions/NAME (10 times)
# NAME is xml, csv or portfolio. New inputs go into OUTDIR/new/NAME (the tree
# is not changed; README.md says how to merge them into corpus/NAME), crash
# reproducers into OUTDIR/crashes/NAME. Exits 1 on a crash, leak, sanitizer
# report or timeout, printing the reproducer's path.
set -uo pipefail
mode=$1 harness=$2 name=$3 outdir=$4
src=$(cd "$(dirname "$0")" && pwd)
seconds=${TM_FUZZ_SECONDS:-60}

crashes=$outdir/crashes/$name
mkdir -p "$crashes"
marker=$(mktemp "$outdir/.run-XXXXXX")
trap 'rm -f "$marker"' EXIT
args=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1)
[ -f "$src/$name.dict" ] && args+=(-dict="$src/$name.dict")

# Stack traces with file and line: Debian's llvm-14 has llvm-symbolizer there.
if ! command -v llvm-symbolizer >/dev/null && [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export PATH=$PATH:/usr/lib/llvm-14/bin
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/../lsan.supp}

case $mode in
  fuzz)
    new=$outdir/new/$name
    mkdir -p "$new"
    # The first folder receives what libFuzzer finds; the tree's corpus is only read.
    "$harness" "${args[@]}" -max_total_time="$seconds" "$new" "$src/corpus/$name"
    ;;
  regress)
    failed=()
    n=0
    for f in "$src/regressions/$name"/*; do
      [ -f "$f" ] && [ "$(basename "$f")" != README.md ] || continue
      n=$((n + 1))
      # With a file (not a folder) libFuzzer runs it -runs times and stops;
      # some crashes (a library reading freed memory) show only on a later run.
      "$harness" "${args[@]}" -runs=10 "$f" || failed+=("$f")
    done
    echo "$n reproducers in regressions/$name, ${#failed[@]} failing"
    if [ ${#failed[@]} -gt 0 ]; then
      echo "FAILED: these crash again (tests/fuzz/README.md says what to do):" >&2
      printf '%s\n' "${failed[@]}" >&2
      exit 1
    fi
    exit 0
    ;;
  *)
    echo "usage: $0 fuzz|regress HARNESS NAME OUTDIR" >&2
    exit 2
    ;;
esac
rc=$?
if [ $rc -ne 0 ]; then
  echo "FAILED ($rc): $harness; reproducers (tests/fuzz/README.md says what to do):" >&2
  find "$crashes" -type f -newer "$marker" >&2
  exit 1
fi
