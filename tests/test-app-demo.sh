#!/bin/bash
# `indsats --demo` opens the window on a fresh copy of the demo plan, leaves the
# user's own database alone, and removes the copy when it ends; the window
# fetches the newest key figures at start once a week, from a stand-in for the
# Jobindsats API started here. Prints TAP.
set -u
indsats=${INDSATS:?}
tmp=$(mktemp -d)
server_pid=
trap 'kill "$pid" 2>/dev/null; [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
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
# libpq (with OpenSSL, Kerberos, LDAP) is loaded only for a PostgreSQL plan
check "the window on an SQLite file maps GTK but not libpq" \
  test -n "$(grep 'libgtk-4' "/proc/$pid/maps")" -a -z "$(grep -E '/libpq\.so' "/proc/$pid/maps")"
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

# At start, with a figure from a Jobindsats table and a token: the window
# fetches when the last update is a week old (or was never), remembers when
# (GSettings, kept in a file here), and does not fetch at the next start
src=${INDSATS_SOURCE_ROOT:?}
/usr/bin/python3 "$src/tests/jobindsats-server.py" "$tmp/port" "$tmp/log" start-token &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
export INDSATS_JOBINDSATS_URL="http://127.0.0.1:$(cat "$tmp/port")/ok/v3" INDSATS_JOBINDSATS_TOKEN=start-token
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$tmp/fetch"
db="$tmp/fetch/k.db"
"$indsats" demo --database "$db" >/dev/null 2>&1
"$indsats" fetch y25i01 --areas Ishøj --latest 2 --database "$db" >/dev/null 2>&1
"$indsats" figure add --title Ledige --indicator 'Antal ledige personer (y25i01)' --areas Ishøj --database "$db" >/dev/null 2>&1
data_requests() { grep -c '^/ok/v3/data/' "$tmp/log"; }
before=$(data_requests)
check "the CLI fetched the table first" test "$before" -ge 1
"$indsats" --database "$db" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
  [ "$(gsettings get dk.indsats.Indsats last-update 2>/dev/null)" != "int64 0" ] && break
  sleep 0.1
done
check "the first start fetches the figures' table" test "$(data_requests)" -eq $((before + 1))
last=$(gsettings get dk.indsats.Indsats last-update | awk '{ print $2 }')
check "... and remembers when" test "$last" -ge $(( $(date +%s) - 60 )) -a "$last" -le "$(date +%s)"
check "... with the newest month stored" test "$(sqlite3 "$db" "SELECT count(*) FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.name = 'Antal ledige personer (y25i01)' AND o.period = '2025M07'")" = 1
kill -TERM "$pid"
wait "$pid"
"$indsats" --database "$db" >"$tmp/out" 2>&1 &
pid=$!
sleep 4
check "the next start, the same day, fetches nothing" test "$(data_requests)" -eq $((before + 1))
check "... and the window is running" kill -0 "$pid"
kill -TERM "$pid"
wait "$pid"
gsettings set dk.indsats.Indsats last-update $(( $(date +%s) - 8 * 24 * 3600 ))
"$indsats" --database "$db" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ "$(data_requests)" -gt $((before + 1)) ] && break; sleep 0.1; done
check "a week later, the start fetches again" test "$(data_requests)" -eq $((before + 2))
kill -TERM "$pid"
wait "$pid"

echo "1..$n"
[ "$failures" -eq 0 ]
