#!/bin/bash
# `indsats --demo` opens the window on a fresh copy of the demo plan, leaves the
# user's own database alone, and removes the copy when it ends. Prints TAP.
set -u
indsats=${INDSATS:?}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export TMPDIR="$tmp/tmp" XDG_DATA_HOME="$tmp/xdg"
mkdir -p "$TMPDIR"
n=0; failures=0
check() { local d=$1; shift; n=$((n + 1)); if "$@"; then echo "ok $n - $d"; else failures=$((failures + 1)); echo "not ok $n - $d"; fi; }

"$indsats" --demo >"$tmp/out" 2>&1 &
pid=$!
copy=""
for _ in $(seq 1 100); do
  copy=$(ls -d "$TMPDIR"/indsats-demo-*/demo.db 2>/dev/null | head -1)
  [ -n "$copy" ] && [ "$(sqlite3 "$copy" 'SELECT count(*) FROM action' 2>/dev/null)" = 25 ] && break
  sleep 0.1
done
check "the demo copy holds the 25 actions" test "$(sqlite3 "$copy" 'SELECT count(*) FROM action' 2>/dev/null)" = 25
check "the program is running its window" kill -0 "$pid"
check "the user's own database is not touched" test ! -e "$XDG_DATA_HOME/indsats/indsats.db"
kill -TERM "$pid"
wait "$pid"
check "it ends cleanly on SIGTERM" test $? -eq 0
check "the demo copy is removed" test -z "$(ls -A "$TMPDIR")"

# a database of version 1 with a team in two spellings: the window opens on it
# and says what was merged (what later versions added goes, so that the file
# is as version 1 wrote it)
mkdir -p "$tmp/old"
"$indsats" demo --database "$tmp/old/v1.db" >/dev/null 2>&1
nfc=$(printf '\xc3\x85benr\xc3\xa5') nfd=$(printf 'A\xcc\x8abenra\xcc\x8a')
sqlite3 "$tmp/old/v1.db" "ALTER TABLE action DROP COLUMN started_on; ALTER TABLE action_history DROP COLUMN changed_by; DROP INDEX IF EXISTS figure_series_by_figure; DROP INDEX IF EXISTS figure_series_by_indicator; DROP INDEX IF EXISTS figure_by_goal; DROP TABLE IF EXISTS snapshot_indicator; DROP TABLE IF EXISTS snapshot_action; DROP TABLE IF EXISTS snapshot;
  DROP INDEX indicator_by_origin; ALTER TABLE indicator DROP COLUMN table_id;
  ALTER TABLE indicator DROP COLUMN measure; ALTER TABLE indicator DROP COLUMN breakdown;
  PRAGMA user_version = 1;
  INSERT INTO team (plan_id, name, position) VALUES (1, '$nfc', 90), (1, '$nfd', 91);"
"$indsats" --database "$tmp/old/v1.db" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  grep -q "brought up to date" "$tmp/out" && break
  sleep 0.1
done
check "the window brings a version 1 database up to date and says what it merged" \
  grep -qF "merged 2 spellings of the team “$nfc”" "$tmp/out"
check "... one team is left" test "$(sqlite3 "$tmp/old/v1.db" "SELECT count(*) FROM team WHERE name = '$nfc' OR name = '$nfd'")" = 1
kill -TERM "$pid"
wait "$pid"

echo "1..$n"
[ "$failures" -eq 0 ]
