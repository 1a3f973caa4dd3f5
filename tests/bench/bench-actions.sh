#!/bin/bash
# Benchmark: a plan of 5,000 actions in 20 focus areas. Times the window from
# the start of the process to its first drawn frame (several runs, with
# hyperfine), and how long a search takes to apply in the list.
#
#   bash tests/bench/bench-actions.sh [BUILD_DIR]     (needs an X display: run it under xvfb-run)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ninja -C "$build" src/indsats tests/bench/make-bench-db tests/bench/bench-search >/dev/null
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" NO_AT_BRIDGE=1

"$build/tests/bench/make-bench-db" "$work/big.db" --actions 5000
"$build/tests/bench/make-bench-db" "$work/small.db" --actions 25
for db in small big; do
  for i in 1 2 3 4 5 6; do
    INDSATS_TIME_FIRST_FRAME=1 "$build/src/indsats" --database "$work/$db.db" 2>/dev/null | grep "first frame"
  done >"$work/$db.txt"
  echo "$db plan ($( [ $db = big ] && echo 5000 || echo 25 ) actions), start to first frame, ms: $(sed 's/first frame: //; s/ ms//' "$work/$db.txt" | sort -n | tr '\n' ' ')"
done
hyperfine --warmup 1 --runs 5 -N \
  -n "window, 25 actions" "env INDSATS_TIME_FIRST_FRAME=1 $build/src/indsats --database $work/small.db" \
  -n "window, 5000 actions" "env INDSATS_TIME_FIRST_FRAME=1 $build/src/indsats --database $work/big.db" 2>&1 | grep -E "Time|±|faster" || true
"$build/tests/bench/bench-search" "$work/big.db"
