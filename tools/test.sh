#!/bin/bash
# Runs the whole test suite: a normal build, then a build with AddressSanitizer
# and UndefinedBehaviorSanitizer; window tests under a virtual X display with
# their own D-Bus session. The last line counts the tests: N passed, N failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

passed=0
failed=0

count() {
  # reads meson's summary from its log
  local log=$1 ok fail
  ok=$(grep -E '^Ok:' "$log" | tail -1 | awk '{print $2}')
  fail=$(grep -E '^(Fail|Timeout|Unexpected Pass):' "$log" | awk '{s+=$NF} END {print s+0}')
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${fail:-0}))
}

run_suite() {
  local dir=$1; shift
  local log="$dir/suite.log"
  # a folder left half-made by an interrupted setup is made again
  if [ ! -f "$dir/build.ninja" ]; then
    rm -rf "$dir"
  fi
  if ! { [ -f "$dir/build.ninja" ] || meson setup "$dir" "$@"; } || ! ninja -C "$dir"; then
    echo "The build in $dir failed."
    failed=$((failed + 1))
    return
  fi
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --num-processes 2 2>&1 | tee "$log"
  count "$log"
}

run_suite build -Dwerror=true
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug -Dwerror=true -Dsanitized=true

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
