#!/bin/bash
# `indsats fetch` against a stand-in for the Jobindsats API on 127.0.0.1,
# started here: a full fetch, the Bearer token, retries, every failure as one
# line with nothing changed, --dry-run and --figures. Prints TAP.
set -u
indsats=${INDSATS:?}
src=${INDSATS_SOURCE_ROOT:?}
tmp=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
db="$tmp/k.db"
n=0; failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d" "rc=$rc" "$err"; fi; }
run() { out=$("$indsats" "$@" --database "$db" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err"); }
value() { # value INDICATOR AREA PERIOD → the value `series list` shows
  "$indsats" series list --database "$db" --indicator "$1" 2>/dev/null | awk -F'\t' -v a="$2" -v p="$3" '$2 == a && $3 == p { print $4 }'
}
dump() { "$indsats" series list --database "$db" 2>/dev/null | sha256sum; sqlite3 "$db" "SELECT count(*) FROM observation_revision" 2>/dev/null; }

token="s3cret-$$-token"
/usr/bin/python3 "$src/tests/jobindsats-server.py" "$tmp/port" "$tmp/log" "$token" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
api() { echo "http://127.0.0.1:$port/$1/v3"; }
export INDSATS_JOBINDSATS_URL=$(api ok) INDSATS_JOBINDSATS_TOKEN=$token INDSATS_JOBINDSATS_RETRY_PAUSES=0.2,0.2,0.2
check "the test server is up" test -n "$port"

"$indsats" demo --database "$db" >/dev/null 2>&1

# A full fetch: metadata, value ids by name, the newest periods, all measures
run fetch y25i01 --areas 'Ishøj,Brøndby,Hele landet' --latest 3
check "a fetch succeeds" test "$rc" -eq 0
check "it asks for the table's description with the Bearer token" grep -qP "^/ok/v3/table/y25i01\tformat=json\tBearer $token$" "$tmp/log"
check "it asks for the areas by their value ids, the newest 3 months and every measure" \
  grep -qP "^/ok/v3/data/y25i01\t.*period\.M=latest:3.*mgroup\.\*=\*.*hierarchy\._nykom=nykom/183 ø,nykom/153\tBearer " "$tmp/log"
check "... and the whole country from its own hierarchy" grep -qP "^/ok/v3/data/y25i01\t.*hierarchy\._hele_landet=hl\t" "$tmp/log"
check "the summary names the table" grep -qF "Jobindsats y25i01: table y25i01, 3 measures, breakdowns: Ydelsesgrupper, A-kasse" <<<"$err"
check "the values are in series list" test "$(value 'Antal ledige personer (y25i01)' Ishøj 2026M06)" = "920" -a "$(value 'Antal ledige personer (y25i01)' Brøndby 2026M04)" = "1400"
check "... the whole country too" test "$(value 'Antal ledige personer (y25i01)' 'Hele landet' 2026M05)" = "101010"
check "... a decimal point" test "$(value 'Ledige i pct. af arbejdsstyrken (y25i01)' Ishøj 2026M06)" = "2,6" -o "$(value 'Ledige i pct. af arbejdsstyrken (y25i01)' Ishøj 2026M06)" = "2.6"
check "... only the newest 3 months" test -z "$(value 'Antal ledige personer (y25i01)' Ishøj 2026M03)"
check "the token is never printed" test -z "$(grep -F "$token" <<<"$out$err")"

# Again with changed values: updated, revisions recorded
revisions=$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")
INDSATS_JOBINDSATS_URL=$(api changed) run fetch y25i01 --areas Ishøj --latest 3
check "a fetch with newer values updates them" test "$rc" -eq 0 -a -n "$(grep -P '^Antal ledige personer \(y25i01\)\t0\t3\t0$' <<<"$out")"
check "... records the revisions" test "$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")" -eq $((revisions + 6))
check "... and shows the new value" test "$(value 'Antal ledige personer (y25i01)' Ishøj 2026M06)" = "927"

# --dry-run says what would change and writes nothing
before=$(dump)
run fetch y25i01 --areas Ishøj --latest 4 --dry-run
check "--dry-run counts the new month and the changed ones" test "$rc" -eq 0 -a -n "$(grep -P '^Antal ledige personer \(y25i01\)\t1\t3\t0$' <<<"$out")" -a -n "$(grep -F 'dry run' <<<"$err")"
check "--dry-run writes nothing" test "$(dump)" = "$before"

# A breakdown value by name
run fetch y25i01 --areas Ishøj --latest 1 --breakdown 'A-kasse=FOAs A-kasse'
check "--breakdown asks for the value's id" grep -qP "hierarchy\._akasse=ak7" "$tmp/log"
check "... and the value is a series of its own" test "$(value 'Antal ledige personer (y25i01, FOAs A-kasse)' Ishøj 2026M06)" = "600"
check "... beside the total" test "$(value 'Antal ledige personer (y25i01)' Ishøj 2026M06)" = "927"

# The token from a file
printf '%s\n' "$token" >"$tmp/token"
INDSATS_JOBINDSATS_TOKEN= DBUS_SESSION_BUS_ADDRESS= run fetch y25i01 --areas Ishøj --latest 1 --token-file "$tmp/token"
check "--token-file works without the variable" test "$rc" -eq 0

# Failures: one line, exit 1, nothing changed
refused() { # refused DESCRIPTION EXPECTED-MESSAGE-PART ARGS...
  local d=$1 m=$2 before; shift 2; before=$(dump)
  run "$@"
  if [ "$rc" -eq 1 ] && grep -qF -- "$m" <<<"$err" && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [ "$(dump)" = "$before" ] && ! grep -qF "$token" <<<"$err"; then
    ok "$d"
  else
    not_ok "$d" "rc=$rc" "$err"
  fi
}
INDSATS_JOBINDSATS_TOKEN=wrong-token refused "a refused token" "Jobindsats refused the token (HTTP 401" fetch y25i01 --areas Ishøj
INDSATS_JOBINDSATS_TOKEN= DBUS_SESSION_BUS_ADDRESS= refused "no token at all" "there is no Jobindsats token" fetch y25i01
refused "an unknown area, with the nearest names" "table y25i01 has no area “Ishoj”; the nearest names it has: Ishøj" fetch y25i01 --areas Ishoj
refused "an unknown table, named" "Jobindsats has no table “y99x99”" fetch y99x99
refused "an unknown breakdown value" "the breakdown “A-kasse” has no value “FOA”" fetch y25i01 --breakdown A-kasse=FOA
INDSATS_JOBINDSATS_URL=$(api 422) refused "a 422 with the API's cause" "table y25i01: the Jobindsats API refused the request (422): Unknown hierarchies: ['_nykom']" fetch y25i01 --areas Ishøj
run fetch y25i01 --latest 1
check "without --areas: the areas the figures show that the table has" test "$rc" -eq 0 -a -n "$(grep -P '^/ok/v3/data/y25i01\t.*hierarchy\._nykom=nykom/153,nykom/183 ø\t' "$tmp/log")" -a -n "$(grep -P '^/ok/v3/data/y25i01\t.*hierarchy\._hele_landet=hl\t' "$tmp/log")"
refused "more periods than the table has" "Requested latest:60 for type M, but only 18 periods are available." fetch y25i01 --latest 60
INDSATS_JOBINDSATS_URL=$(api truncated) refused "a truncated answer" "was cut short" fetch y25i01 --areas Ishøj
INDSATS_JOBINDSATS_URL=$(api down) refused "503 every time: given up after four tries" "Jobindsats answered HTTP 503 (Service Unavailable) at http://127.0.0.1:$port/down/v3/table/y25i01, 4 tries" fetch y25i01
check "... with the pauses between them" test "$(grep -c '^/down/v3/table/y25i01' "$tmp/log")" -eq 4
start=$(date +%s)
INDSATS_JOBINDSATS_TIMEOUT=1 INDSATS_JOBINDSATS_URL=$(api slow) refused "a slow answer past the timeout" "Jobindsats did not answer within 1 s" fetch y25i01 --areas Ishøj
check "... gives up in time" test $(( $(date +%s) - start )) -lt 20
INDSATS_JOBINDSATS_URL=http://127.0.0.1:1/v3 refused "no server" "Cannot reach Jobindsats at http://127.0.0.1:1/v3" fetch y25i01
INDSATS_JOBINDSATS_URL=$(api ok) refused "a table without figures for --figures" "no figure shows key figures from a Jobindsats table yet" fetch --figures

# A 503, then an answer
INDSATS_JOBINDSATS_URL=$(api flaky) run fetch y25i01 --areas Ishøj --latest 1
check "a 503 is tried again, and then it works" test "$rc" -eq 0 -a "$(grep -c '^/flaky/v3/table/y25i01' "$tmp/log")" -eq 2

# --figures: the tables and areas the figures show
run figure add --title 'Ledige' --indicator 'Antal ledige personer (y25i01)' --areas 'Ishøj,Brøndby'
check "a figure of a fetched series" test "$rc" -eq 0
: >"$tmp/log"
run fetch --figures --latest 2
check "fetch --figures fetches that table" test "$rc" -eq 0 -a -n "$(grep -P '^/ok/v3/data/y25i01\t.*latest:2.*hierarchy\._nykom=nykom/153,nykom/183 ø' "$tmp/log")"
check "... and only what the figures need" test "$(grep -c '^/ok/v3/data/' "$tmp/log")" -eq 1

# The areas compared, as Preferences keep them (GSettings), come along
prefs() { GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config" "$@"; }
prefs gsettings set dk.indsats.Indsats compared-areas "['Albertslund', 'Hele landet']"
check "the areas compared are set" test "$(prefs gsettings get dk.indsats.Indsats compared-areas)" = "['Albertslund', 'Hele landet']"
: >"$tmp/log"
prefs run fetch --figures --latest 2
check "fetch --figures asks for the figures' areas and the areas compared" \
  test "$rc" -eq 0 -a -n "$(grep -P '^/ok/v3/data/y25i01\t.*hierarchy\._nykom=nykom/153,nykom/183 ø,nykom/165\t' "$tmp/log")" -a -n "$(grep -P '^/ok/v3/data/y25i01\t.*hierarchy\._hele_landet=hl\t' "$tmp/log")"
check "... and stores them" test "$(value 'Antal ledige personer (y25i01)' Albertslund 2026M06)" = "1110"
last=$(prefs gsettings get dk.indsats.Indsats last-update | awk '{ print $2 }')
check "... and notes when, so that the window does not fetch again at start" test "$last" -ge $(( $(date +%s) - 120 )) -a "$last" -le "$(date +%s)"
prefs gsettings reset dk.indsats.Indsats last-update
prefs run fetch --figures --latest 2 --dry-run
check "a dry run notes no update" test "$rc" -eq 0 -a "$(prefs gsettings get dk.indsats.Indsats last-update)" = "int64 0"
: >"$tmp/log"
prefs run fetch y25i01 --latest 1
check "fetch TABLE without --areas: the areas compared, then the figures'" \
  test "$rc" -eq 0 -a -n "$(grep -P '^/ok/v3/data/y25i01\t.*hierarchy\._nykom=nykom/165,nykom/153,nykom/183 ø\t' "$tmp/log")"
prefs gsettings set dk.indsats.Indsats compared-areas "['Ishoj']"
prefs refused "a misspelt area compared is named, with the nearest names" "table y25i01 has no area “Ishoj”; the nearest names it has: Ishøj" fetch --figures
: >"$tmp/log"
run fetch --figures --latest 2
check "without the setting, only the figures' areas" test "$rc" -eq 0 -a -z "$(grep -F 'nykom/165' "$tmp/log")"

# Wrong usage
run fetch
check "fetch without a table is wrong usage" test "$rc" -eq 2
run fetch y25i01 --period-type W
check "an unknown period type is wrong usage" test "$rc" -eq 2

echo "1..$n"
[ "$failures" -eq 0 ]
