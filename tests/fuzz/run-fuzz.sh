#!/bin/bash
# Builds a libFuzzer harness with clang (address and undefined-behaviour
# sanitizers on) against the core's importer and runs it for a bounded time.
#
#   run-fuzz.sh SOURCE_ROOT BUILD_ROOT OUT_DIR csv|json [SECONDS]
# Exits non-zero on a crash, a hang, a leak or a sanitizer report.
set -euo pipefail
src=$1 build=$2 out=$3 which=$4 seconds=${5:-60}
core="$src/src/core"
mkdir -p "$out/corpus-$which"
cp "$src"/tests/data/import/* "$out/corpus-$which/" 2>/dev/null || true
if [ "$which" = json ]; then
  # nesting far deeper than the importer's limit, which the parser must never reach
  { printf '%.0s[' $(seq 3000); printf '%.0s]' $(seq 3000); } >"$out/corpus-$which/deep.json"
  { printf '%.0s{"a":' $(seq 3000); printf '%.0s}' $(seq 3000); } >"$out/corpus-$which/deep-objects.json"
fi
flags=$(pkg-config --cflags --libs glib-2.0 gio-2.0 gmodule-2.0 json-glib-1.0 sqlite3 libpq libsecret-1)
# shellcheck disable=SC2086
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I"$core" -I"$build" \
  "$src/tests/fuzz/fuzz-$which.c" \
  "$core"/indsats-import*.c "$core"/indsats-decimal.c \
  "$core"/indsats-text.c "$core"/indsats-period.c "$core"/indsats-format.c \
  "$core"/indsats-error.c "$core"/indsats-model.c "$core"/indsats-store*.c \
  "$core"/indsats-catalog.c "$core"/indsats-keyring.c "$core"/indsats-module.c \
  $flags -lm -o "$out/fuzz-$which"
cd "$out"
ASAN_OPTIONS=detect_leaks=1 "./fuzz-$which" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 "corpus-$which" 2>&1 | tail -5
