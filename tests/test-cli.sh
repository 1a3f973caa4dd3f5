#!/bin/bash
# The command line contract of DESIGN.md: output, exit codes, messages, and
# that a failed command changes nothing; on an SQLite file, or, run by
# pg-server.sh, on a PostgreSQL database. Prints TAP.
set -u
indsats=${INDSATS:?}
src=${INDSATS_SOURCE_ROOT:?}
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg"

n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { # check DESCRIPTION CONDITION...
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d"; fi
}
run() { # run ARGS...: sets out, err, rc
  out=$("$indsats" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
}
# The store: an SQLite file, or, run by pg-server.sh (INDSATS_PG_DIR), a
# database of the tests' PostgreSQL server; the same commands on either
if [ -n "${INDSATS_PG_DIR:-}" ]; then
  pg="$src/tests/pg-server.sh"
  newdb() { # newdb NAME: an empty store; prints its address
    "$pg" createdb "$INDSATS_PG_DIR" "cli_$1" >/dev/null && echo "postgresql://indsats@/cli_$1?host=$INDSATS_PG_DIR"; }
  dbname() { local d=${1#postgresql://indsats@/}; echo "${d%%\?*}"; }
  sql() { "$pg" psql "$INDSATS_PG_DIR" "$(dbname "$1")" -c "$2"; }
  copydb() { # copydb FROM NAME: a copy of the store; prints its address
    sql "$1" "CREATE DATABASE cli_$2 TEMPLATE $(dbname "$1")" >/dev/null &&
      echo "postgresql://indsats@/cli_$2?host=$INDSATS_PG_DIR"; }
  dump() { "$pg" dump "$INDSATS_PG_DIR" "$(dbname "$1")"; }
  hex() { echo "upper(encode(convert_to($1, 'UTF8'), 'hex'))"; }
else
  newdb() { echo "$tmp/$1.db"; }
  sql() { sqlite3 "$1" "$2"; }
  copydb() { cp "$1" "$tmp/$2.db" && echo "$tmp/$2.db"; }
  dump() { sqlite3 "$1" .dump; }
  hex() { echo "hex($1)"; }
fi
count_actions() { sql "$1" "SELECT count(*) FROM action"; }

db=$(newdb d)

# The shared table of the 25 actions, as the documents give them
table="$src/../shared/data/genopretningsplan-ishoej-2023.tsv"
[ -f "$table" ] || table="$src/data/demo/genopretningsplan-ishoej-2023.tsv"

run demo --database "$db"
check "demo exits 0" test "$rc" -eq 0
run actions list --database "$db" --format tsv
check "actions list exits 0" test "$rc" -eq 0
header=$(printf '%s\n' "$out" | head -1)
check "tsv header is id, team, focus, action, owner, start_date, status, started_on" \
  test "$header" = "$(printf 'id\tteam\tfocus\taction\towner\tstart_date\tstatus\tstarted_on')"
check "the demo's started actions started on their planned day, the planned ones have no day" \
  test "$(printf '%s\n' "$out" | awk -F'\t' '$1 == 3 || $1 == 7 {print $1 "|" $7 "|" $8 "|"}' | tr '\n' ' ')" = "3|started|2023-02-27| 7|planned|| "
if diff <(tail -n +2 "$table") <(printf '%s\n' "$out" | tail -n +2 | cut -f2-6) >"$tmp/diff"; then
  ok "demo round trip gives the 25 actions of the shared table, text and dates identical"
else
  not_ok "demo round trip gives the 25 actions of the shared table" "$(head -5 "$tmp/diff")"
fi
check "25 rows" test "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -eq 25

run demo --database "$db"
check "demo again exits 0" test "$rc" -eq 0
check "demo again does not duplicate" test "$(count_actions "$db")" -eq 25
check "demo again says so" grep -q "already" <<<"$err"

# --database after or before the subcommand, or the default path
run --database "$db" actions list
check "--database before the subcommand" test "$rc" -eq 0 -a "$(printf '%s\n' "$out" | wc -l)" -eq 26
run actions list --database="$db"
check "--database=FILE" test "$rc" -eq 0
run demo
check "demo without --database is wrong usage: the demo never goes into the person's own database" \
  test "$rc" -eq 2 -a ! -e "$XDG_DATA_HOME/indsats/indsats.db" -a -n "$(grep -F -- '--database FILE' <<<"$err")"
run actions list
check "without --database the default database under XDG_DATA_HOME is read (and, holding nothing, not made)" \
  test "$rc" -eq 1 -a -n "$(grep -F "$XDG_DATA_HOME/indsats/indsats.db" <<<"$err")"

# json that parses, with the same rows
run actions list --database "$db" --format json
if printf '%s' "$out" | /usr/bin/python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert len(rows) == 25, len(rows)
assert list(rows[0].keys()) == ["id", "team", "focus", "action", "owner", "start_date", "status", "started_on"], rows[0].keys()
assert rows[2]["started_on"] == "2023-02-27", rows[2]
assert [r["started_on"] for r in rows if r["status"] == "planned"] == [None], rows
assert isinstance(rows[0]["id"], int)
assert rows[18]["team"] == "Job-team" and rows[18]["start_date"] == "2023-01-18"
assert rows[6]["owner"] == "Udbyderen Schultz"
' 2>"$tmp/py"; then ok "json parses and holds the 25 actions"; else not_ok "json parses" "$(cat "$tmp/py")"; fi

# actions add
run actions add --database "$db" --team Job-team --focus "Fokus på et aktivt tilbud" --owner "Alle SB" \
  --start 2023-04-03 --text "Ugentlig opfølgning på tilbud" --status started
check "actions add exits 0 and prints the new id" test "$rc" -eq 0 -a "$out" = "26"
check "the new action is stored" test "$(sql "$db" "SELECT text || '|' || start_date || '|' || status FROM action WHERE id = 26")" = "Ugentlig opfølgning på tilbud|2023-04-03|started"
run actions add --database "$db" --team Job-team --focus "Fokus på et aktivt tilbud" --owner "Alle SB" \
  --start 27.02.2023 --text "Dansk dato"
check "a Danish date is accepted" test "$rc" -eq 0 -a "$(sql "$db" "SELECT start_date FROM action WHERE text = 'Dansk dato'")" = "2023-02-27"

before=$(count_actions "$db")
run actions add --database "$db" --team Job-team --focus F --owner O --start 2023-02-31 --text "Umulig dato"
check "a bad date is wrong usage" test "$rc" -eq 2
check "the bad date's message names the field and the value" grep -q -- '--start: “2023-02-31” is not a valid date' <<<"$err"
check "the message is one line" test "$(printf '%s\n' "$err" | wc -l)" -eq 1
check "a bad date writes nothing" test "$(count_actions "$db")" -eq "$before"
run actions add --database "$db" --team Job-team --focus F --owner O --start 2023-03-01 --text "   "
check "an empty text is wrong usage" test "$rc" -eq 2
check "an empty text says so" grep -q -- "--text is empty" <<<"$err"
check "an empty text writes nothing" test "$(count_actions "$db")" -eq "$before"
run actions add --database "$db" --team Job-team --focus F --owner O --start 2023-03-01 --text T --status later
check "an unknown status is wrong usage and names it" test "$rc" -eq 2 -a -n "$(grep -F '“later” is not a status' <<<"$err")"
check "an unknown status writes nothing" test "$(count_actions "$db")" -eq "$before"


# actions edit, delete and history
run actions edit 3 --database "$db" --status done --start 01.03.2023 --owner "Fagkoordinator og SB"
check "actions edit exits 0" test "$rc" -eq 0
check "the edit is stored" test "$(sql "$db" "SELECT status || '|' || start_date || '|' || owner FROM action WHERE id = 3")" = "done|2023-03-01|Fagkoordinator og SB"
run actions history 3 --database "$db"
check "actions history exits 0 with the columns when, field, old, new, by" test "$rc" -eq 0 -a "$(printf '%s\n' "$out" | head -1)" = "$(printf 'when\tfield\told\tnew\tby')"
check "history has a row per changed field" test "$(printf '%s\n' "$out" | cut -f2 | tail -n +2 | sort | tr '\n' ' ')" = "created owner start_date status "
check "history shows old and new values" grep -qP '\tstart_date\t2023-02-27\t2023-03-01\t' <<<"$out"
# who: the full name of the account as the system keeps it, else the login name
me=$(getent passwd "$(id -un)" | cut -d: -f5 | cut -d, -f1)
[ -n "$me" ] || me=$(id -un)
check "history says who made each change: “$me”" \
  test "$(printf '%s\n' "$out" | tail -n +2 | cut -f5 | sort -u)" = "$me"
# the command line edits what it is told, even over a newer change by someone else
shared=$(copydb "$db" shared)
sql "$shared" "UPDATE action SET owner = 'Teamleder' WHERE id = 3;
  INSERT INTO action_history (action_id, plan_id, changed_at, field, old_value, new_value, changed_by)
  SELECT 3, plan_id, '2023-03-02 14:02:00', 'owner', 'Fagkoordinator og SB', 'Teamleder', 'Anna Hansen'
  FROM action_history WHERE action_id = 3 LIMIT 1"
run actions edit 3 --database "$shared" --owner "Jobkonsulent"
check "actions edit over someone else's newer change of the field exits 0" test "$rc" -eq 0 -a -z "$err"
check "... and stores what it was told" \
  test "$(sql "$shared" "SELECT owner FROM action WHERE id = 3")" = "Jobkonsulent"
run actions history 3 --database "$db" --format json
if printf '%s' "$out" | /usr/bin/python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert [r["field"] for r in rows][-1] == "created", rows
assert list(rows[0].keys()) == ["when", "field", "old", "new", "by"]
assert all(r["by"] for r in rows), rows
assert rows[-1]["old"] is None
' 2>"$tmp/py"; then ok "history json parses, newest first"; else not_ok "history json" "$(cat "$tmp/py")"; fi
before=$(sql "$db" "SELECT count(*) FROM action_history")
run actions edit 3 --database "$db" --start 2023-02-30
check "edit with an impossible date is wrong usage" test "$rc" -eq 2
check "... naming the field and value" grep -q -- '--start: “2023-02-30” is not a valid date' <<<"$err"
check "... and changes nothing" test "$(sql "$db" "SELECT start_date FROM action WHERE id = 3")" = "2023-03-01" -a "$(sql "$db" "SELECT count(*) FROM action_history")" = "$before"
run actions edit 3 --database "$db" --text ""
check "edit with an empty text is wrong usage and changes nothing" test "$rc" -eq 2 -a "$(sql "$db" "SELECT count(*) FROM action_history")" = "$before"
run actions edit 999 --database "$db" --status done
check "edit of an unknown action exits 1 naming it" test "$rc" -eq 1 -a -n "$(grep 'There is no action 999' <<<"$err")"
run actions edit 3 --database "$db"
check "edit with nothing to change is wrong usage" test "$rc" -eq 2
run actions edit abc --database "$db" --status done
check "edit of a non-number is wrong usage" test "$rc" -eq 2
before=$(count_actions "$db")
run actions delete 4 --database "$db"
check "actions delete exits 0 and the action is gone" test "$rc" -eq 0 -a "$(count_actions "$db")" -eq $((before - 1))
run actions history 4 --database "$db"
check "the deletion is in the history" grep -qP '^\S+ \S+\tdeleted\tFagkoordinatoren fordeler' <<<"$out"
run actions delete 4 --database "$db"
check "deleting it again exits 1" test "$rc" -eq 1

# the day an action actually started, beside the day it was planned to take effect
started_on() { sql "$db" "SELECT coalesce(started_on, 'none') FROM action WHERE id = $1"; }
history_rows() { sql "$db" "SELECT count(*) FROM action_history"; }
today=$(date +%F)
run actions edit 7 --database "$db" --status started
check "marking an action started without a day says it started today, and keeps the planned day" \
  test "$rc" -eq 0 -a "$(started_on 7)" = "$today" -a "$(sql "$db" "SELECT start_date FROM action WHERE id = 7")" = "2023-05-11"
run actions list --database "$db"
check "... actions list shows the day in its last column" test "$(printf '%s\n' "$out" | awk -F'\t' '$1 == 7 {print $8}')" = "$today"
run actions edit 7 --database "$db" --started-on 13.03.2023
check "--started-on takes a Danish date and stores it" test "$rc" -eq 0 -a "$(started_on 7)" = "2023-03-13"
run actions history 7 --database "$db"
check "... and the history records the change of day" grep -qP "\tstarted_on\t$today\t2023-03-13\t" <<<"$out"
before=$(history_rows)
run actions edit 7 --database "$db" --started-on 2023-02-30
check "an impossible --started-on is wrong usage naming the option and the value" \
  test "$rc" -eq 2 -a -n "$(grep -F -- '--started-on: “2023-02-30” is not a valid date' <<<"$err")"
check "... and changes nothing" test "$(started_on 7)" = "2023-03-13" -a "$(history_rows)" = "$before"
run actions edit 7 --database "$db" --started-on 2099-01-01
check "a day after today exits 1 saying so" test "$rc" -eq 1 -a -n "$(grep -F 'after today' <<<"$err")"
check "... and changes nothing" test "$(started_on 7)" = "2023-03-13" -a "$(history_rows)" = "$before"
run actions edit 7 --database "$db" --status planned
check "planned again, the action has no day it started" test "$rc" -eq 0 -a "$(started_on 7)" = "none"
before=$(history_rows)
run actions edit 7 --database "$db" --started-on 2023-03-13
check "a planned action cannot have started: exits 1 saying what to do" \
  test "$rc" -eq 1 -a -n "$(grep -F 'set its status to started' <<<"$err")"
check "... and changes nothing" test "$(started_on 7)" = "none" -a "$(history_rows)" = "$before"
run actions edit 7 --database "$db" --status started --started-on 2023-05-15
check "--status started with --started-on takes the day given" test "$rc" -eq 0 -a "$(started_on 7)" = "2023-05-15"
run actions edit 7 --database "$db" --status done
check "done keeps the day it started" test "$rc" -eq 0 -a "$(started_on 7)" = "2023-05-15"
run actions add --database "$db" --team Job-team --focus "Fokus på et aktivt tilbud" --owner "Alle SB" \
  --start 2023-04-03 --text "Startet før tid" --status started --started-on 28.03.2023
check "actions add --started-on stores the day it started" \
  test "$rc" -eq 0 -a "$(started_on "$out")" = "2023-03-28" -a "$(sql "$db" "SELECT start_date FROM action WHERE id = $out")" = "2023-04-03"
before=$(count_actions "$db")
run actions add --database "$db" --team Job-team --focus "Fokus på et aktivt tilbud" --owner "Alle SB" \
  --start 2023-04-03 --text "Ikke startet" --started-on 2023-03-28
check "actions add --started-on for a planned action exits 1 saying what to do, and adds nothing" \
  test "$rc" -eq 1 -a -n "$(grep -F 'set its status to started' <<<"$err")" -a "$(count_actions "$db")" = "$before"


# figures: list, add, render
run figure list --database "$db"
check "figure list exits 0 with number, title, kind" test "$rc" -eq 0 -a "$(printf '%s\n' "$out" | head -1)" = "$(printf 'number\ttitle\tkind')"
check "the demo has Figur 1 to 16" test "$(printf '%s\n' "$out" | tail -n +2 | cut -f1 | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 "
check "Figur 11 is a bar chart" grep -qP '^11\tFleksjobbere fordelt på ugentlige arbejdstimer\tbar$' <<<"$out"
run figure list --database "$db" --format json
check "figure list json parses" /usr/bin/python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r[4]=={"number":5,"title":"Sygedagpengemodtagere, andel af befolkningen 16-66 år","kind":"line"}, r[4]' "$out"
run figure add --database "$db" --title "Ledighed i Ishøj og hele landet" --indicator Ledighed --areas "Ishøj,Hele landet" --threshold 5 --from 2022M01 --to 2023M01
check "figure add exits 0 and prints the new number" test "$rc" -eq 0 -a "$out" = "17"
check "the new figure is stored with its areas" test "$(sql "$db" "SELECT area FROM figure_series s JOIN figure f ON f.id = s.figure_id WHERE f.number = 17 ORDER BY s.position" | paste -sd,)" = "Ishøj,Hele landet"
run figure add --database "$db" --title "Ledighed i kommunerne" --indicator Ledighed --areas "Ishøj,Hele landet,Albertslund,Brøndby,Dragør,Gentofte,Glostrup,Herlev,Hvidovre"
check "figure add with nine areas says that all but the own area and the country are drawn grey" \
  test "$rc" -eq 0 -a "$out" = "18" -a -n "$(printf '%s' "$err" | grep 'has 9 areas' | grep 'Ishøj and Hele landet are drawn in colour' | grep -e 'Other municipalities' -e 'Øvrige kommuner')"
before=$(sql "$db" "SELECT count(*) FROM figure")
run figure add --database "$db" --title T --indicator "Ledighed i Narnia" --areas Ishøj
check "an unknown indicator exits 1 naming it" test "$rc" -eq 1 -a -n "$(grep -F '“Ledighed i Narnia”' <<<"$err")"
run figure add --database "$db" --title T --indicator Ledighed --areas Ishøj --from 2023M13
check "an unknown period is wrong usage naming it" test "$rc" -eq 2 -a -n "$(grep -F -- '--from: “2023M13” is not a period' <<<"$err")"
run figure add --database "$db" --title T --indicator Ledighed --areas Ishøj --kind pie
check "an unknown kind is wrong usage" test "$rc" -eq 2 -a -n "$(grep -F '“pie” is not a kind of figure' <<<"$err")"
check "failed figure adds write nothing" test "$(sql "$db" "SELECT count(*) FROM figure")" -eq "$before"
run figure render 5 "$tmp/figur-5.png" --database "$db" --width 800 --height 500
check "figure render writes a PNG of the asked size" test "$rc" -eq 0 -a "$(/usr/bin/python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print(*struct.unpack(">II", d[16:24]))' "$tmp/figur-5.png")" = "800 500"
# the command line never loads the window's libraries: GTK and libadwaita
# alone take longer to load than a figure takes to draw
LD_DEBUG=files "$indsats" figure render 5 "$tmp/figur-5b.png" --database "$db" >/dev/null 2>"$tmp/ld"
check "figure render loads neither GTK nor libadwaita" \
  test -n "$(grep 'file=libcairo' "$tmp/ld")" -a -z "$(grep -E 'file=lib(gtk-4|adwaita-1)' "$tmp/ld")"
# (libpq brings libcrypto too, so on PostgreSQL only libxlsxwriter and minizip are looked for)
workbook_libs='xlsxwriter|minizip|crypto'
[ -z "${INDSATS_PG_DIR:-}" ] || workbook_libs='xlsxwriter|minizip'
check "figure render loads neither libxlsxwriter nor the minizip and libcrypto it brings; export xlsx does" \
  test -z "$(grep -E "file=lib($workbook_libs)[.-]" "$tmp/ld")" \
  -a -n "$(LD_DEBUG=files "$indsats" export xlsx "$tmp/ld.xlsx" --database "$db" 2>&1 >/dev/null | grep 'file=libxlsxwriter')"
# nor does a command load what only other commands need: libpq only for a
# PostgreSQL store, cairo and Pango only to draw, libxlsxwriter only for the
# workbook, libsoup and libsecret only to fetch (each costs memory and time)
printf 'indicator,area,period,value\nMappet,Ishøj,2023M01,1\n' >"$tmp/mapped.csv"
LD_DEBUG=files "$indsats" import "$tmp/mapped.csv" --database "$db" >/dev/null 2>"$tmp/ld-import"
LD_DEBUG=files "$indsats" actions list --database "$db" >/dev/null 2>"$tmp/ld-list"
drawing='file=lib(cairo|pango|png16|deflate|xlsxwriter|soup-3|secret-1)[.-]'
if [ -n "${INDSATS_PG_DIR:-}" ]; then
  check "import and actions list on a PostgreSQL store load libpq and none of the drawing, workbook or network libraries" \
    test -n "$(grep 'file=libpq' "$tmp/ld-import")" -a -n "$(grep 'file=libpq' "$tmp/ld-list")" \
    -a -z "$(grep -E "$drawing" "$tmp/ld-import" "$tmp/ld-list")"
else
  check "import and actions list on an SQLite file load none of libpq, cairo, Pango, libpng, libdeflate, libxlsxwriter, libsoup, libsecret" \
    test "$(sql "$db" "SELECT count(*) FROM indicator WHERE name = 'Mappet'")" -eq 1 \
    -a -n "$(grep 'file=libsqlite3' "$tmp/ld-list")" \
    -a -z "$(grep -E "file=libpq[.-]|$drawing" "$tmp/ld-import" "$tmp/ld-list")"
  check "figure render on an SQLite file loads cairo but not libpq" \
    test -z "$(grep -E 'file=libpq[.-]' "$tmp/ld")"
fi
# a part of the program that cannot be found is named, with what to do
mkdir -p "$tmp/no-modules"
out=$(INDSATS_MODULE_DIR="$tmp/no-modules" "$indsats" figure render 5 "$tmp/figur-5c.png" --database "$db" 2>&1); rc=$?
check "figure render without its module exits 1 naming the module's file and what to do" \
  test "$rc" -eq 1 -a ! -e "$tmp/figur-5c.png" -a -n "$(grep -F 'indsats figure render: Cannot load indsats-cli-render.so' <<<"$out" | grep -F 'Install Indsats again')"
out=$(INDSATS_MODULE_DIR="$tmp/no-modules" "$indsats" actions list --database "postgresql://indsats@/none?host=$tmp/no-modules" 2>&1); rc=$?
check "a PostgreSQL store without the PostgreSQL module exits 1 naming the module's file" \
  test "$rc" -eq 1 -a -n "$(grep -F 'Cannot load indsats-store-postgresql.so' <<<"$out" | grep -F 'opens PostgreSQL databases')"
run figure render 15 "$tmp/figur-15.pdf" --database "$db"
check "figure render writes a PDF whose text has the heading and source" test "$rc" -eq 0 -a -n "$(pdftotext "$tmp/figur-15.pdf" - | grep 'Figur 15. Sygedagpengemodtagere')" -a -n "$(pdftotext "$tmp/figur-15.pdf" - | grep 'Kilde: Jobindsats.dk')"
run figure render all "$tmp/alle" --format svg --database "$db"
check "figure render all writes figur-N.svg for every figure" test "$rc" -eq 0 -a "$(ls "$tmp/alle" | grep -c '^figur-[0-9]*\.svg$')" -eq 18
# the figures are drawn on one thread per processor and written in order:
# the files are the same as one thread draws them
INDSATS_THREADS=1 run figure render all "$tmp/alle-1" --database "$db"
INDSATS_THREADS=4 run figure render all "$tmp/alle-4" --database "$db"
check "figure render all draws the same PNG files on one thread and on four" \
  test "$rc" -eq 0 -a "$(ls "$tmp/alle-4" | grep -c '^figur-[0-9]*\.png$')" -eq 18 -a -z "$(diff -r "$tmp/alle-1" "$tmp/alle-4")"
# a file that cannot be written stops it there, naming the file; those
# before it are written whole, and no temporary file is left
mkdir -p "$tmp/alle-stop"
mkdir "$tmp/alle-stop/figur-9.png"
run figure render all "$tmp/alle-stop" --database "$db"
check "figure render all stops at a file it cannot write, exit 1 naming it, the figures before it whole" \
  test "$rc" -eq 1 -a -n "$(grep -F "$tmp/alle-stop/figur-9.png" <<<"$err")" \
  -a -n "$(cmp "$tmp/alle-stop/figur-5.png" "$tmp/alle-1/figur-5.png" && echo same)" \
  -a "$(ls -A "$tmp/alle-stop" | grep -vc '^figur-[0-9]*\.png$')" -eq 0
run figure render 42 "$tmp/x.png" --database "$db"
check "an unknown figure exits 1" test "$rc" -eq 1 -a -n "$(grep 'There is no Figur 42' <<<"$err")"
run figure render 5 "$tmp/x.gif" --database "$db"
check "an unknown file type is wrong usage" test "$rc" -eq 2
run figure render 5 "$tmp/no/such/folder/x.png" --database "$db"
check "an unwritable target exits 1 naming it" test "$rc" -eq 1 -a -n "$(grep -F "$tmp/no/such/folder/x.png" <<<"$err")"

# wrong usage: exit 2
run actions add --database "$db" --team Job-team
check "a missing option exits 2" test "$rc" -eq 2
check "the missing option is named" grep -q -- "--focus is required" <<<"$err"
run frobnicate --database "$db"
check "an unknown command opens no window but exits 2" test "$rc" -eq 2
check "... and names it" grep -q "unknown command “frobnicate”" <<<"$err"
run actions list --database "$db" --format xml
check "an unknown format exits 2" test "$rc" -eq 2
run actions list --database "$db" --colour
check "an unknown option exits 2" test "$rc" -eq 2
run actions
check "actions without a subcommand exits 2" test "$rc" -eq 2
run actions list --database
check "--database without a file exits 2" test "$rc" -eq 2

# Every bad option value is wrong usage: exit 2, one line starting "indsats COMMAND:", nothing changed
dbsum() { dump "$db" | sha256sum; }
usage() { # usage DESCRIPTION COMMAND EXPECTED-MESSAGE-PART ARGS...
  local d=$1 command=$2 expected=$3 before; shift 3
  before=$(dbsum)
  run --database "$db" "$@"
  if [ "$rc" -eq 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [[ "$err" == "indsats $command: "* ]] &&
     grep -qF -- "$expected" <<<"$err" && [ "$(dbsum)" = "$before" ]; then
    ok "$d"
  else
    not_ok "$d" "rc=$rc" "$err"
  fi
}
add=(actions add --team Job-team --focus "Fokus på et aktivt tilbud" --owner "Alle SB" --text "Ny indsats")
usage "an unknown status" "actions add" "--status: “foo” is not a status" "${add[@]}" --start 2023-03-01 --status foo
usage "an unknown status in an edit" "actions edit" "--status: “foo” is not a status" actions edit 3 --status foo
usage "a month 13" "actions add" "--start: “2023-13-01” is not a valid date" "${add[@]}" --start 2023-13-01
usage "a date outside the range names the range" "actions add" "“2300-01-01” is outside the dates Indsats takes, 1900-01-01 to 2200-12-31" \
  "${add[@]}" --start 2300-01-01
usage "an end date before the start names both" "actions add" "--end 2023-02-01 is before --start 2023-03-01" \
  "${add[@]}" --start 2023-03-01 --end 2023-02-01
usage "an end date before the start in an edit names both" "actions edit" "--end 2023-01-31 is before --start 2023-02-01" \
  actions edit 3 --start 2023-02-01 --end 2023-01-31
usage "a bad end date" "actions edit" "--end: “2023-02-30” is not a valid date" actions edit 3 --end 2023-02-30
usage "a blank owner is refused like a blank text" "actions add" "--owner is empty" "${add[@]/Alle SB/ }" --start 2023-03-01
usage "a blank owner in an edit" "actions edit" "--owner is empty" actions edit 3 --owner ""
usage "a blank team in an edit" "actions edit" "--team is empty" actions edit 3 --team " "
usage "an unknown kind of figure" "figure add" "--kind: “pie” is not a kind of figure" \
  figure add --title T --indicator Ledighed --areas Ishøj --kind pie
usage "a threshold that is not a number" "figure add" "--threshold: “x” is not a number" \
  figure add --title T --indicator Ledighed --areas Ishøj --threshold x
usage "an empty area between commas" "figure add" "--areas: an area between commas is empty" \
  figure add --title T --indicator Ledighed --areas "Ishøj,,Brøndby"
usage "periods of two kinds" "figure add" "--from 2022M01 and --to 2023Q4 must be periods of one kind" \
  figure add --title T --indicator Ledighed --areas Ishøj --from 2022M01 --to 2023Q4
usage "an action id too large for a number" "actions edit" \
  "“99999999999999999999” is not an action id: write a whole number from 1 to 9223372036854775807" \
  actions edit 99999999999999999999 --status done
usage "an action id of 0" "actions delete" "“0” is not an action id" actions delete 0
usage "a negative action id" "actions delete" "“-3” is not an action id" actions delete -- -3
usage "an action id with letters" "actions history" "“3x” is not an action id" actions history 3x
usage "a plan id that is not a number" "actions list" "“første” is not a plan id" actions list --plan første
usage "a figure number too large" "figure render" "“99999999999” is not a figure number" \
  figure render 99999999999 "$tmp/x.png"
usage "an unknown output format" "series list" "unknown format “xml”" series list --format xml
usage "a width that is not a number" "figure render" "--width" figure render 5 "$tmp/x.png" --width bred
before=$(dbsum)
run actions list --database
check "a global option's error begins 'indsats:'" test "$rc" -eq 2 -a "$err" = "indsats: --database needs a file name (see indsats --help)"
run actions edit 999999 --database "$db" --start 2023-01-01
check "a failure is one line starting 'indsats actions edit:'" test "$rc" -eq 1 -a "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(grep '^indsats actions edit: There is no action 999999' <<<"$err")"

# -- ends the options
printf 'indicator,area,period,value\nBindestreg,Ishøj,2023M01,1\n' >"$tmp/-bindestreg.csv"
out=$(cd "$tmp" && "$indsats" import --database "$db" -- -bindestreg.csv 2>&1); rc=$?
check "-- ends the options: a file named -bindestreg.csv imports" test "$rc" -eq 0 -a "$(sql "$db" "SELECT count(*) FROM indicator WHERE name = 'Bindestreg'")" -eq 1
out=$(cd "$tmp" && "$indsats" import --database "$db" -bindestreg.csv 2>&1); rc=$?
check "... without it the name is an unknown option" test "$rc" -eq 2 -a -n "$(grep -iF 'unknown option -bindestreg.csv' <<<"$out")"
run "${add[@]}" --start 2023-03-01 --database "$db" -- --status
check "... and an option after -- is an argument" test "$rc" -eq 2 -a -n "$(grep -F 'unexpected argument “--status”' <<<"$err")"

# every date option is in --help
run --help
check "--help names every date option and the range" test -n "$(grep -F -- '[--end YYYY-MM-DD]' <<<"$out")" -a -n "$(grep -F -- '--start YYYY-MM-DD' <<<"$out")" -a -n "$(grep -F '1900-01-01 to 2200-12-31' <<<"$out")"
run actions edit --help
check "actions edit --help shows --end" grep -qF -- "--end=YYYY-MM-DD" <<<"$out"

# a figure's periods must be of a kind its indicator has
before=$(sql "$db" "SELECT count(*) FROM figure")
run figure add --database "$db" --title "Kvartaler" --indicator Ledighed --areas Ishøj --from 2022Q1 --to 2023Q4
check "figure add --from/--to of quarters for a monthly indicator exits 1 naming its kind" \
  test "$rc" -eq 1 -a -n "$(grep -F -- '--from 2022Q1 is a quarter, but “Ledighed” has values by month only' <<<"$err")"
check "... and adds no figure" test "$(sql "$db" "SELECT count(*) FROM figure")" -eq "$before"

# indsats demo writes into no database that holds a plan of its own
other=$(copydb "$db" other)
sql "$other" "UPDATE plan SET demo_key = NULL, title = 'Vores egen plan'"
sum_before=$(dump "$other" | sha256sum)
run demo --database "$other"
check "demo into a database with a plan of its own exits 1 naming it" test "$rc" -eq 1 -a -n "$(grep -F "“$other” holds a plan of its own (“Vores egen plan”)" <<<"$err")"
check "... and changes nothing" test "$(dump "$other" | sha256sum)" = "$sum_before"

# SQLite's own past: PostgreSQL's schema began after version 1, so this is
# for a file only
if [ -z "${INDSATS_PG_DIR:-}" ]; then
# a database of version 1 with a team stored in two spellings (NFC and NFD) is brought up to date;
# what later versions added goes, so that the file is as version 1 wrote it
old="$tmp/version-1.db"
cp "$db" "$old"
nfc=$(printf '\xc3\x85benr\xc3\xa5') nfd=$(printf 'A\xcc\x8abenra\xcc\x8a')
sqlite3 "$old" "ALTER TABLE action DROP COLUMN started_on; ALTER TABLE action_history DROP COLUMN changed_by; DROP INDEX IF EXISTS figure_series_by_figure; DROP INDEX IF EXISTS figure_series_by_indicator; DROP INDEX IF EXISTS figure_by_goal; DROP TABLE IF EXISTS snapshot_indicator; DROP TABLE IF EXISTS snapshot_action; DROP TABLE IF EXISTS snapshot;
  DROP INDEX indicator_by_origin; ALTER TABLE indicator DROP COLUMN table_id;
  ALTER TABLE indicator DROP COLUMN measure; ALTER TABLE indicator DROP COLUMN breakdown;
  PRAGMA user_version = 1;
  INSERT INTO team (id, plan_id, name, position) VALUES (90, 1, '$nfc', 90), (91, 1, '$nfd', 91);
  INSERT INTO focus_area (id, team_id, name, position) VALUES (90, 90, 'Fokus', 0), (91, 91, 'Fokus', 0);
  INSERT INTO action (id, focus_id, text, owner, start_date, position) VALUES
    (90, 90, 'Skrevet på Windows', 'Alle SB', '2023-03-01', 0), (91, 91, 'Skrevet på en Mac', 'Alle SB', '2023-03-02', 0);"
run actions list --database "$old"
check "a version 1 database with NFD and NFC twins opens" test "$rc" -eq 0 -a "$(sqlite3 "$old" 'PRAGMA user_version')" -eq "$(sqlite3 "$db" 'PRAGMA user_version')"
check "... says on stderr that it merged the team's two spellings" grep -qF "“$old” was brought up to date: merged 2 spellings of the team “$nfc”" <<<"$err"
check "... and lists both actions under the one team" test "$(printf '%s\n' "$out" | awk -F'\t' '$1 == 90 || $1 == 91 {print $2 "|" $3}' | sort -u)" = "$nfc|Fokus"
run actions list --database "$old"
check "... and says nothing the next time" test "$rc" -eq 0 -a -z "$err"
fi

# one name, one thing: text from the command line is stored in NFC
team_nfc=$(printf '\xc3\x85benr\xc3\xa5') team_nfd=$(printf 'A\xcc\x8abenra\xcc\x8a')
owner_nfc=$(printf 'K\xc3\xa5re') owner_nfd=$(printf 'Ka\xcc\x8are')
run actions add --database "$db" --team "$team_nfc" --focus Fokus --owner "$owner_nfc" --start 2023-05-01 --text "Tastet"
run actions add --database "$db" --team "$team_nfd" --focus Fokus --owner "$owner_nfd" --start 2023-05-02 --text "Indsat fra en Mac"
check "a team typed in NFC and pasted in NFD is one team" test "$rc" -eq 0 -a "$(sql "$db" "SELECT count(*) FROM team WHERE name IN ('$team_nfc', '$team_nfd')")" -eq 1
check "... stored in NFC" test "$(sql "$db" "SELECT $(hex name) FROM team WHERE name = '$team_nfc'")" = "$(printf '%s' "$team_nfc" | xxd -p -u)"
run actions list --database "$db"
check "... and actions list shows both actions under it, with one owner" \
  test "$(printf '%s\n' "$out" | awk -F'\t' '$4 == "Tastet" || $4 == "Indsat fra en Mac" {print $2 "|" $5}' | sort -u)" = "$team_nfc|$owner_nfc"
run actions edit 3 --database "$db" --team "$team_nfd"
check "an edit to the NFD spelling moves nothing into a new team" test "$rc" -eq 0 -a "$(sql "$db" "SELECT count(*) FROM team WHERE name = '$team_nfd'")" -eq 0
area_nfc=$(printf '\xc3\x85rhus') area_nfd=$(printf 'A\xcc\x8arhus')
printf 'indicator,area,period,value\nLedige i Aarhus,%s,2023M01,1\nLedige i Aarhus,%s,2023M02,2\n' "$area_nfc" "$area_nfc" >"$tmp/aarhus.csv"
run import --database "$db" "$tmp/aarhus.csv"
run figure add --database "$db" --title "Århus" --indicator "Ledige i Aarhus" --areas "$area_nfd"
check "figure add --areas in NFD names the area the values are stored under" \
  test "$rc" -eq 0 -a "$(sql "$db" "SELECT count(*) FROM figure_series s JOIN figure f ON f.id = s.figure_id JOIN observation o ON o.indicator_id = s.indicator_id AND o.area = s.area WHERE f.number = $out")" -eq 2

# the store keeps an evaluation date after the start, against the stored start too
before=$(dbsum)
start3=$(sql "$db" "SELECT start_date FROM action WHERE id = 3")
run actions edit 3 --database "$db" --end 2023-01-01
check "an --end before the action's stored start exits 1 naming both dates" \
  test "$rc" -eq 1 -a -n "$(grep -F "The evaluation date 2023-01-01 is before the start date $start3" <<<"$err")" -a "$(dbsum)" = "$before"

# --help and --version
run --help
check "--help exits 0 and shows the commands" test "$rc" -eq 0 -a -n "$(grep 'actions list' <<<"$out")"
run --version
check "--version exits 0" test "$rc" -eq 0 -a -n "$(grep -E '^indsats [0-9]' <<<"$out")"
LD_DEBUG=files "$indsats" --version >/dev/null 2>"$tmp/ld-version"
check "--version is answered without GTK, libpq or cairo" \
  test -z "$(grep -E 'file=lib(gtk-4|adwaita-1|pq|cairo)[.-]' "$tmp/ld-version")"

# failures: one clear line, nothing changed
empty=$(newdb empty)
run actions list --database "$empty"
check "a database with no plan exits 1" test "$rc" -eq 1
check "... and says how to get one" grep -q "indsats demo --database" <<<"$err"

# what only a file can be: text that is no database, a named pipe, a link
# to a device; a PostgreSQL address is none of them
if [ -z "${INDSATS_PG_DIR:-}" ]; then
notdb="$tmp/notes.txt"
printf 'Referat fra mødet\n' >"$notdb"
sum_before=$(sha256sum "$notdb")
run actions list --database "$notdb"
check "a file that is not a database exits 1" test "$rc" -eq 1
check "... with a message naming it" grep -qF "“$notdb” is not an Indsats database" <<<"$err"
check "... and it is left untouched" test "$(sha256sum "$notdb")" = "$sum_before"

# a named pipe, or a link to a device, is refused by what it is, naming it
mkfifo "$tmp/pipe.db"
run actions list --database "$tmp/pipe.db"
check "a FIFO as the database exits 1 naming it and what it is" test "$rc" -eq 1 -a "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(grep -F "“$tmp/pipe.db” is a named pipe (FIFO), not a database file" <<<"$err")"
ln -s /dev/null "$tmp/null.db"
run actions list --database "$tmp/null.db"
check "a link to /dev/null exits 1 naming both" test "$rc" -eq 1 -a -n "$(grep -F "“$tmp/null.db” is a link to a character device, “/dev/null”" <<<"$err")"
run demo --database "$tmp/null.db"
check "... and nothing is written through it" test "$rc" -eq 1 -a -L "$tmp/null.db" -a -c /dev/null
fi

# a store that a newer Indsats has written: its version says so
if [ -z "${INDSATS_PG_DIR:-}" ]; then
  newer="$tmp/newer.db"
  sqlite3 "$newer" "CREATE TABLE t (x); PRAGMA user_version = 42; PRAGMA application_id = 1229866067;"
else
  newer=$(newdb newer)
  sql "$newer" "CREATE TABLE indsats_version (version integer NOT NULL); INSERT INTO indsats_version VALUES (42)"
fi
sum_before=$(dump "$newer" | sha256sum)
run actions list --database "$newer"
check "a newer database exits 1 with a clear message" test "$rc" -eq 1 -a -n "$(grep 'newer version of Indsats' <<<"$err")"
check "... and it is left untouched" test "$(dump "$newer" | sha256sum)" = "$sum_before"

# an unwritable folder (as an ordinary user: root may write anywhere)
locked="$tmp/locked"
mkdir -p "$locked"
chmod 0555 "$locked"
chmod 0755 "$tmp"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
  as_user=()
fi
# (a folder is a file's; the server keeps a PostgreSQL database)
if [ -z "${INDSATS_PG_DIR:-}" ] && { [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; }; then
  out=$("${as_user[@]}" "$indsats" demo --database "$locked/new.db" 2>&1 >/dev/null); rc=$?
  check "an unwritable folder exits 1" test "$rc" -eq 1
  check "... saying the folder cannot be written" grep -qF "the folder “$locked” cannot be written" <<<"$out"
  check "... and nothing is created" test ! -e "$locked/new.db"
fi

# series list and actions list write as they read: every row, the same in
# tsv and in json, past the size of one written buffer; a full disk is an error
"$indsats" series list --database "$db" >"$tmp/series.tsv"; rc_tsv=$?
"$indsats" series list --database "$db" --format json >"$tmp/series.json"; rc_json=$?
check "series list exits 0 in tsv and json" test "$rc_tsv" -eq 0 -a "$rc_json" -eq 0
check "series list json is larger than one buffer" test "$(stat -c %s "$tmp/series.json")" -gt 70000
check "series list json holds the tsv's rows in order, values exact" /usr/bin/python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
columns = ["indicator", "area", "period", "value", "unit", "preliminary", "table", "breakdown"]
assert lines[0].split("\t") == columns, lines[0]
assert len(rows) == len(lines) - 1 > 400, (len(rows), len(lines))
for r, l in zip(rows, lines[1:]):
    c = l.split("\t")
    assert list(r) == columns, r
    assert [r["table"], r["breakdown"]] == c[6:8], (r, c)
    assert [r["indicator"], r["area"], r["period"], r["unit"]] == [c[0], c[1], c[2], c[4]], (r, c)
    assert (r["value"] is None and c[3] == "") or (isinstance(r["value"], float) and r["value"] == float(c[3])), (r, c)
    assert r["preliminary"] == (c[5] == "true"), (r, c)
' "$tmp/series.json" "$tmp/series.tsv"
check "series list json writes 22.8, not its binary noise" grep -q '"value" : 22.8,' "$tmp/series.json"
if [ -w /dev/full ]; then
  "$indsats" series list --database "$db" --format json >/dev/full 2>"$tmp/err"; rc=$?
  check "series list to a full disk exits 1 and says so" test "$rc" -eq 1 -a -n "$(grep 'Cannot write the output' "$tmp/err")"
  "$indsats" actions list --database "$db" >/dev/full 2>"$tmp/err"; rc=$?
  check "actions list to a full disk exits 1 and says so" test "$rc" -eq 1 -a -n "$(grep 'Cannot write the output' "$tmp/err")"
fi

echo "1..$n"
[ "$failures" -eq 0 ]
