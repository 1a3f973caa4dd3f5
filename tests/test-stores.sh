#!/bin/bash
# Both stores give the same answers: the same commands, run once on an SQLite
# file and once on a PostgreSQL database of a server started here, give byte
# for byte the same actions list, history, series list, figure list, changes,
# pictures and workbook cells. Then what only a shared server has: a server
# that does not answer, a role that may only read, writers at once. Prints TAP.
set -u
indsats=${INDSATS:?}
src=${INDSATS_SOURCE_ROOT:?}
pg="$src/tests/pg-server.sh"
tmp=$(mktemp -d)
chmod 0755 "$tmp"
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  "$pg" stop "$tmp/pg" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_DATA_HOME="$tmp/xdg"
data="$src/tests/data/import"

n=0; failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d" "rc=${rc:-}" "${err:-}"; fi; }
run() { out=$("$indsats" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err"); }

if ! base=$("$pg" start "$tmp/pg" 2>"$tmp/pg-start.log"); then
  not_ok "the PostgreSQL server starts" "$(tail -5 "$tmp/pg-start.log")"
  echo "1..$n"; exit 1
fi
ok "a PostgreSQL server of the test's own starts, on a unix socket in its folder"
check "... and listens on no TCP port" test -z "$(grep -E '^listen_addresses' "$tmp/pg/data/postgresql.conf" | grep -v "''")"
check "... run by a user who is not root" test "$(stat -c %U "$tmp/pg/data")" != root
psql() { "$pg" psql "$tmp/pg" "$@"; }
createdb() { "$pg" createdb "$tmp/pg" "$@"; }

# The same scenario on a store; its outputs go to a folder
token="s3cret-$$-token"
/usr/bin/python3 "$src/tests/jobindsats-server.py" "$tmp/port" "$tmp/log" "$token" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
export INDSATS_JOBINDSATS_URL="http://127.0.0.1:$(cat "$tmp/port")/ok/v3" INDSATS_JOBINDSATS_TOKEN=$token

# Long series, written many rows at a time: new rows; then new, changed and
# unchanged rows mixed, and a repeat among them
/usr/bin/python3 - "$tmp/long-a.csv" "$tmp/long-b.csv" <<'PY'
import sys
def rows(months, add):
    return "".join(f"Lang serie,{area},{2000 + (m - 1) // 12}M{(m - 1) % 12 + 1:02d},{m + add(m)}\n"
                   for area in ("Ishøj", "Brøndby") for m in months)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("indicator,area,period,value\n" + rows(range(1, 81), lambda m: 0))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("indicator,area,period,value\n" + rows(range(70, 121), lambda m: 1000 * (m % 3 == 0)) +
            rows(range(100, 101), lambda m: 0))
PY

scenario() { # scenario DATABASE FOLDER
  local db=$1 o=$2 s
  mkdir -p "$o"
  s() { local name=$1; shift; "$indsats" "$@" --database "$db" >"$o/$name.out" 2>"$o/$name.err"; echo "$?" >>"$o/$name.out"; }
  s demo demo
  s list1 actions list
  s json1 actions list --format json
  s add actions add --team Job-team --focus "Fokus på et aktivt tilbud" --owner "Alle SB" --start 2023-04-03 \
    --text "Ugentlig opfølgning på tilbud" --status started
  s add2 actions add --team "Nyt team" --focus "Nyt fokus" --owner "Ø" --start 27.02.2023 --text "Ændring «ÆØÅ»"
  s edit actions edit 3 --owner "Teamleder" --status done --note "Færdig"
  s edit2 actions edit 26 --text "Ugentlig opfølgning" --start 2023-05-01
  s badedit actions edit 3 --status nonsense
  s delete actions delete 27
  s add3 actions add --team Job-team --focus "Fokus på et aktivt tilbud" --owner "X" --start 2023-06-01 --text "Efter sletning"
  s history actions history 3
  s history26 actions history 26 --format json
  s list2 actions list
  s json2 actions list --format json
  s snap snapshot create "Udvalg marts" --date 2023-03-15
  s edit3 actions edit 5 --status dropped
  s import import "$data/long.csv" "$data/jobindsats-semikolon.csv" "$data/v3-y25i01-unemployment_total.json" \
    "$data/randers-y30r21-reconstructed-v2-small.csv"
  printf 'indicator,area,period,value\nFleksjob,Ishøj,2023M08,290\n' >"$tmp/changed.csv"
  s reimport import "$tmp/changed.csv"
  s badimport import "$data/bad-period.csv"
  s longimport import "$tmp/long-a.csv"
  s longreimport import "$tmp/long-b.csv"
  s fetch fetch y25i01 --areas 'Ishøj,Brøndby,Hele landet' --latest 3
  s series series list
  s seriesjson series list --format json
  s seriesone series list --indicator Fleksjob
  s figadd figure add --title "Fleksjob i Ishøj og Brøndby" --indicator Fleksjob --areas Ishøj,Brøndby --kind column
  s figures figure list
  s figuresjson figure list --format json
  s snaplist snapshot list
  s changes changes --since "Udvalg marts"
  s render figure render all "$o/png" --format png --width 640 --height 400
  s rendersvg figure render all "$o/svg" --format svg
  s xlsx export xlsx "$o/plan.xlsx" --language da
  s snapdel snapshot delete "Udvalg marts"
  s snaplist2 snapshot list
  s snap2 snapshot create "Udvalg juni" --date 2023-06-15
}

pg_db=$(createdb parity)
# the README's lines for a role that may only read, before the tables exist
psql postgres -c "CREATE ROLE secretary LOGIN PASSWORD 'pw-$$'"
psql parity -c "GRANT USAGE ON SCHEMA public TO secretary;
  ALTER DEFAULT PRIVILEGES FOR ROLE indsats IN SCHEMA public GRANT SELECT ON TABLES TO secretary"
scenario "$tmp/a.db" "$tmp/sqlite"
scenario "$pg_db" "$tmp/pg-out"

check "the demo on an empty PostgreSQL database makes the schema and the plan" \
  test "$(psql parity -c 'SELECT count(*) FROM action')" -ge 25 -a "$(psql parity -c 'SELECT version FROM indsats_version')" -ge 1
for name in demo add add2 edit edit2 delete add3 snap import reimport longimport longreimport fetch figadd render rendersvg xlsx snapdel; do
  check "the scenario's $name succeeded on SQLite" test "$(tail -1 "$tmp/sqlite/$name.out")" -eq 0
done
check "the scenario's series are many" test "$(wc -l <"$tmp/sqlite/series.out")" -gt 50
check "the bad edit and the bad import failed" test "$(tail -1 "$tmp/sqlite/badedit.out")" -ne 0 -a "$(tail -1 "$tmp/sqlite/badimport.out")" -eq 1
check "the changes since the snapshot name the edit after it" grep -q dropped "$tmp/sqlite/changes.out"
# the moment a change was made is the only thing that may differ
when() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/WHEN/g' "$1"; }
for f in "$tmp"/sqlite/*.out; do
  name=$(basename "$f" .out)
  if cmp -s <(when "$f") <(when "$tmp/pg-out/$name.out"); then
    ok "$name: the same output on both stores"
  else
    not_ok "$name: the same output on both stores" "$(diff "$f" "$tmp/pg-out/$name.out" | head -6)"
  fi
done
# messages name the store, so they differ only in its name; the sanitized
# build's count of suppressed leaks is no message of Indsats
no_lsan() { sed '/^-\{20,\}$/d; /^Suppressions used:/d; /^ *count *bytes *template/d; /^ *[0-9][0-9]* *[0-9][0-9]* [^ ]*$/d'; }
for f in "$tmp"/sqlite/*.err; do
  name=$(basename "$f" .err)
  if diff -q <(sed "s|$tmp/a.db|STORE|g" "$f" | no_lsan) \
       <(sed "s|$(sed 's/[^^]/[&]/g; s/\^/\\^/g' <<<"indsats@$tmp/pg:5432/parity")|STORE|g; s|$pg_db|STORE|g" "$tmp/pg-out/$name.err" | no_lsan) >/dev/null; then
    ok "$name: the same message on both stores"
  else
    not_ok "$name: the same message on both stores" "$(diff "$f" "$tmp/pg-out/$name.err" | head -4)"
  fi
done
check "a bad edit failed on PostgreSQL too, with one line" test "$(tail -1 "$tmp/pg-out/badedit.out")" -ne 0 -a "$(wc -l <"$tmp/pg-out/badedit.err")" -eq 1
pictures_same=yes
for f in "$tmp"/sqlite/png/*.png "$tmp"/sqlite/svg/*.svg; do
  cmp -s "$f" "${f/\/sqlite\//\/pg-out\/}" || { pictures_same="$f differs"; break; }
done
check "every figure drawn from the PostgreSQL store is the same picture, PNG and SVG" \
  test "$pictures_same" = yes -a "$(ls "$tmp/sqlite/png" | wc -l)" -ge 14
# the moment a snapshot was taken (to the minute) is the only thing that may
# differ: the two runs may fall in different minutes
cells() { (cd "$1" && unzip -o -q plan.xlsx -d x && cat x/xl/sharedStrings.xml x/xl/worksheets/*.xml x/xl/charts/*.xml 2>/dev/null |
  sed -E 's/[0-9]{2}\.[0-9]{2}\.[0-9]{4} (kl\.|at) [0-9]{2}:[0-9]{2}/WHEN/g' | sha256sum); }
check "the workbook's cells, sheets and charts are the same from both stores" \
  test "$(cells "$tmp/sqlite")" = "$(cells "$tmp/pg-out")"

# The two schemas are one: every table with the same columns in the same order
schema_same=yes
for t in $(sqlite3 "$tmp/a.db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
  a=$(sqlite3 "$tmp/a.db" "SELECT name FROM pragma_table_info('$t')")
  b=$(psql parity -c "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$t' ORDER BY ordinal_position")
  [ "$a" = "$b" ] || { schema_same="$t: SQLite has $(echo $a), PostgreSQL $(echo $b)"; break; }
done
check "the PostgreSQL schema mirrors SQLite's column for column" test "$schema_same" = yes
check "... table for table" test "$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM sqlite_master WHERE type = 'table'")" -eq \
  "$(psql parity -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'indsats_version'")"

# What a reader of only one store would not see
check "ids after a deletion are given as SQLite gives them" grep -qP "^27\t.*Efter sletning" "$tmp/pg-out/list2.out"

# indsats copy: SQLite → PostgreSQL → SQLite gives the same file, row for row
copy_pg=$(createdb copied)
run copy "$tmp/a.db" "$copy_pg"
check "copy from SQLite into an empty PostgreSQL database" test "$rc" -eq 0 -a -n "$(grep -F 'Copied' <<<"$err")"
run copy "$copy_pg" "$tmp/back.db"
check "copy from PostgreSQL into a new SQLite file" test "$rc" -eq 0 -a -f "$tmp/back.db"
check "the round trip gives the SQLite file's every row again (in any order): plans, actions, history, goals, indicators, key figures, revisions, figures, snapshots" \
  test "$(sqlite3 "$tmp/a.db" .dump | sort | sha256sum)" = "$(sqlite3 "$tmp/back.db" .dump | sort | sha256sum)"
check "... and what it copied is not nothing" test "$(sqlite3 "$tmp/back.db" 'SELECT (SELECT count(*) FROM action_history) > 10 AND (SELECT count(*) FROM observation_revision) > 0 AND (SELECT count(*) FROM figure_action) > 0 AND (SELECT count(*) FROM snapshot_action) > 25')" = 1
for listing in "actions list" "series list" "figure list" "snapshot list" "actions history 3"; do
  check "$listing: the same on the copy in PostgreSQL as on the SQLite file" \
    cmp -s <($indsats $listing --database "$tmp/a.db") <($indsats $listing --database "$copy_pg")
done
run copy "$pg_db" "$tmp/from-pg.db"
check "copy of the scenario's PostgreSQL database into SQLite lists the same actions" \
  test "$rc" -eq 0 -a "$("$indsats" actions list --database "$tmp/from-pg.db")" = "$("$indsats" actions list --database "$pg_db")"
check "... and after an addition on both, the same new id" \
  test "$("$indsats" actions add --team T --focus F --owner O --start 2023-01-01 --text x --database "$tmp/from-pg.db")" = \
       "$("$indsats" actions add --team T --focus F --owner O --start 2023-01-01 --text x --database "$pg_db")"
before=$(psql copied -c "SELECT count(*) FROM action")
run copy "$tmp/a.db" "$copy_pg"
check "copy into a store that holds rows is refused in one line; nothing copied" \
  test "$rc" -eq 1 -a "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(grep -F 'not empty' <<<"$err")" -a "$(psql copied -c "SELECT count(*) FROM action")" = "$before"
check "... counting the one plan already there as one row" grep -qF "its table “plan” holds 1 row)" <<<"$err"
before=$(sqlite3 "$tmp/back.db" .dump | sha256sum)
run copy "$tmp/a.db" "$tmp/back.db"
check "... into a non-empty SQLite file too, which stays as it was" \
  test "$rc" -eq 1 -a "$(sqlite3 "$tmp/back.db" .dump | sha256sum)" = "$before"
run copy "$tmp/no-such.db" "$tmp/new.db"
check "copy from a store that is not there fails and makes no target" test "$rc" -eq 1 -a ! -e "$tmp/new.db"
run copy "$tmp/a.db"
check "copy without a target is wrong usage" test "$rc" -eq 2

# Reading never creates: an empty database is not made into one
empty=$(createdb empty)
run actions list --database "$empty"
check "actions list on an empty PostgreSQL database fails with one line, and makes nothing" \
  test "$rc" -eq 1 -a "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a "$(psql empty -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" -eq 0
check "... saying how to make one" grep -qF "indsats demo --database" <<<"$err"
run actions list --database "${empty/indsats@/indsats:not-said@}"
check "... and not saying back a password given in the address" test "$rc" -eq 1 -a -z "$(grep -F not-said <<<"$err")"
# a password in the address is never said back, whatever the message
run demo --database "${pg_db/indsats@/indsats:not-said@}"
check "the demo into a database that has it already says so without the address's password" \
  test "$rc" -eq 0 -a -n "$(grep -F 'already in' <<<"$err")" -a -z "$(grep -F not-said <<<"$err")"
run demo --database "${pg_db/indsats@/indsats:not-said@}&sslmode=disable"
check "... also with more after it in the address" test "$rc" -eq 0 -a -z "$(grep -F not-said <<<"$err")"
run actions list --database "${pg_db/indsats@/indsats:not-said@}&bogus=1"
check "an address libpq does not read is refused in one line naming what is wrong, without its password" \
  test "$rc" -eq 1 -a -n "$(grep -F '"bogus"' <<<"$err")" -a -z "$(grep -F not-said <<<"$err")"
run actions list --database "$pg_db&password=not-said&bogus=1"
check "... nor a password given as password=" test "$rc" -eq 1 -a -n "$(grep -F '"bogus"' <<<"$err")" -a -z "$(grep -F not-said <<<"$err")"
psql empty -c "CREATE TABLE other (x int)"
run demo --database "$empty"
check "a database of another program is refused, left as it was" \
  test "$rc" -eq 1 -a -n "$(grep -F 'another program' <<<"$err")" -a "$(psql empty -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" -eq 1
psql parity -c "UPDATE indsats_version SET version = version + 1"
run actions list --database "$pg_db"
check "a database of a newer Indsats is refused" test "$rc" -eq 1 -a -n "$(grep -F 'newer version' <<<"$err")"
psql parity -c "UPDATE indsats_version SET version = version - 1"

listing=$("$indsats" actions list --database "$pg_db")

# libpq's own ways to name a server: host as a socket folder in the authority, a password in PGPASSWORD
enc_dir=$(/usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$tmp/pg")
run actions list --database "postgres://indsats@$enc_dir/parity"
check "postgres://user@%2Fsocket%2Ffolder/db works" test "$rc" -eq 0 -a "$out" = "$listing"

# A role that may only read: lists and exports, every change refused in one
# line. It logs in with a password, given in PGPASSWORD.
{ echo "local all secretary scram-sha-256"; cat "$tmp/pg/data/pg_hba.conf"; } >"$tmp/hba" && cat "$tmp/hba" >"$tmp/pg/data/pg_hba.conf"
psql postgres -c "SELECT pg_reload_conf()" >/dev/null
reader="postgresql://secretary@/parity?host=$tmp/pg"
run actions list --database "$reader"
check "without the password the reader is refused in one line naming the server" \
  test "$rc" -eq 1 -a "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(grep -F "secretary@$tmp/pg:5432/parity" <<<"$err")"
export PGPASSWORD="pw-$$"
run actions list --database "$reader"
check "a role that may only read lists the actions" test "$rc" -eq 0 -a "$out" = "$listing"
run export xlsx "$tmp/reader.xlsx" --database "$reader"
check "... and exports the workbook" test "$rc" -eq 0 -a -s "$tmp/reader.xlsx"
before=$(psql parity -c "SELECT owner || status FROM action WHERE id = 3")
run actions edit 3 --owner "Sekretær" --database "$reader"
check "an edit by that role gets one line, “you may only read this plan”, exit 1" \
  test "$rc" -eq 1 -a "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(grep -Fi 'you may only read this plan' <<<"$err")"
check "... and nothing changed" test "$(psql parity -c "SELECT owner || status FROM action WHERE id = 3")" = "$before"
run import "$data/long.csv" --database "$reader"
check "an import by that role is refused the same way" test "$rc" -eq 1 -a -n "$(grep -Fi 'you may only read this plan' <<<"$err")"
unset PGPASSWORD

# Several people at once: 3 writers × 30 additions store 90, each in its place
crowd=$(createdb crowd)
"$indsats" demo --database "$crowd" >/dev/null 2>&1
for w in 1 2 3; do
  (for i in $(seq 30); do
     "$indsats" actions add --team Job-team --focus "Fokus på et aktivt tilbud" --owner "Skriver $w" \
       --start 2023-04-03 --text "Tilføjelse $w.$i" --database "$crowd" >/dev/null 2>>"$tmp/crowd-$w.err" || echo fail >>"$tmp/crowd-$w.err"
   done) &
done
wait_writers() { for j in $(jobs -p); do [ "$j" = "$server_pid" ] || wait "$j"; done; }
wait_writers
check "3 writers × 30 additions at once: 90 stored, none refused" \
  test "$(psql crowd -c "SELECT count(*) FROM action WHERE text LIKE 'Tilføjelse %'")" -eq 90 -a ! -s "$tmp/crowd-1.err" -a ! -s "$tmp/crowd-2.err" -a ! -s "$tmp/crowd-3.err"
check "... each with an id and a place of its own" \
  test "$(psql crowd -c "SELECT count(DISTINCT (focus_id, position)) FROM action WHERE text LIKE 'Tilføjelse %'")" -eq 90
# two people editing different fields of one action at once both keep their change
(for i in $(seq 15); do "$indsats" actions edit 5 --owner "Anna $i" --database "$crowd" >/dev/null 2>>"$tmp/anna.err"; done) &
(for i in $(seq 15); do "$indsats" actions edit 5 --note "Bo $i" --database "$crowd" >/dev/null 2>>"$tmp/bo.err"; done) &
wait_writers
check "two people editing the owner and the note of one action at once: both keep theirs" \
  test "$(psql crowd -c "SELECT owner || '|' || note FROM action WHERE id = 5")" = "Anna 15|Bo 15" -a ! -s "$tmp/anna.err" -a ! -s "$tmp/bo.err"
check "... and the history has each of their 30 changes" \
  test "$(psql crowd -c "SELECT count(*) FROM action_history WHERE action_id = 5 AND field IN ('owner', 'note')")" -eq 30

# A server that does not answer: one line naming it, within 15 s
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
time.sleep(60)' "$tmp/silent-port" &
silent_pid=$!
for _ in $(seq 50); do [ -s "$tmp/silent-port" ] && break; sleep 0.1; done
silent="postgresql://indsats@127.0.0.1:$(cat "$tmp/silent-port")/plan"
start=$(date +%s)
run actions list --database "$silent"
took=$(( $(date +%s) - start ))
kill "$silent_pid" 2>/dev/null
check "a server that does not answer: exit 1 within 15 s (took ${took} s)" test "$rc" -eq 1 -a "$took" -le 15
check "... one line naming the server" \
  test "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(grep -F "127.0.0.1:$(cat "$tmp/silent-port")/plan" <<<"$err")"
run actions list --database "postgresql://indsats@/plan?host=$tmp/nothing-here"
check "no server at all: one line naming it, exit 1" \
  test "$rc" -eq 1 -a "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(grep -F "$tmp/nothing-here" <<<"$err")"
run actions list --database "postgresql://indsats:topsecret@/plan?host=$tmp/nothing-here"
check "... and never its password" test "$rc" -eq 1 -a -z "$(grep -F topsecret <<<"$err")"

echo "1..$n"
[ "$failures" -eq 0 ]
