#!/bin/bash
# Importing key figures: every input shape, every bad input, revisions and
# --dry-run, checked in the database. Prints TAP.
set -u
indsats=${INDSATS:?}
data=${INDSATS_SOURCE_ROOT:?}/tests/data/import
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/k.db"
n=0; failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
run() { out=$("$indsats" "$@" --database "$db" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err"); }
value() { # value INDICATOR AREA PERIOD → the stored value, "NULL" when missing, "" when absent
  sqlite3 "$db" "SELECT coalesce(o.value, 'NULL') FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.name = '$1' AND o.area = '$2' AND o.period = '$3'"
}
dump() { sqlite3 "$db" "SELECT i.name, o.area, o.period, o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id ORDER BY 1, 2, 3; SELECT count(*) FROM observation_revision; SELECT count(*) FROM indicator;" | sha256sum; }

"$indsats" demo --database "$db" 2>/dev/null

# A ';' file with Danish numbers, "Group: Measure" labels and suppressed cells
run import "$data/jobindsats-semikolon.csv"
check "a ';'-separated Jobindsats file imports" test "$rc" -eq 0
check "decimal commas are read: 33,0" test "$(value 'Sygedagpenge: Andel uden fire samtaler' Ishøj 2023M01)" = "33.0"
check "thousands dots are read: 1.234,5" test "$(value 'Sygedagpenge: Fuldtidspersoner' Ishøj 2023M01)" = "1234.5"
check "and 1.198 is a thousand and more" test "$(value 'Sygedagpenge: Fuldtidspersoner' Ishøj 2023M02)" = "1198.0"
check "a '-' cell is missing, not zero" test "$(value 'Sygedagpenge: Andel uden fire samtaler' Brøndby 2023M01)" = "NULL"
check "a '..' cell is missing" test "$(value 'Sygedagpenge: Andel uden fire samtaler' Brøndby 2023M02)" = "NULL"
check "an empty cell is missing" test "$(value 'Sygedagpenge: Fuldtidspersoner' Brøndby 2023M02)" = "NULL"
check "a '.' cell is missing" test "$(value 'Sygedagpenge: Fuldtidspersoner' 'Hele landet' 2023M01)" = "NULL"
check "the summary counts per indicator" grep -qP '^Sygedagpenge: Andel uden fire samtaler\t5\t0\t0$' <<<"$out"
check "a share's unit is pct" test "$(sqlite3 "$db" "SELECT unit FROM indicator WHERE name = 'Sygedagpenge: Andel uden fire samtaler'")" = "pct"

run import "$data/windows-1252.csv"
check "a Windows-1252 file imports" test "$rc" -eq 0
check "... with Ishøj and Brøndby spelled right" test "$(value Fleksjob Brøndby 2023M08)" = "301.0" -a "$(value Fleksjob Ishøj 2023M08)" = "288.0"
check "... and 'aug. 2023' read as 2023M08" test "$(value Fleksjob Ishøj 2023M08)" = "288.0"

run import "$data/bom.csv"
check "a UTF-8 file with a BOM and an Area/Period header imports" test "$rc" -eq 0 -a "$(value Ledighedsydelse Ishøj 2022Q3)" = "74.0"
check "2023Q02 is the second quarter" test "$(value Ledighedsydelse Ishøj 2023Q2)" = "57.0"
check "2023QMAT02 is a rolling year" test "$(value Ledighedsydelse Ishøj 2023QMAT02)" = "61.0"

run import "$data/long.csv"
check "a long indicator,area,period,value,unit file imports" test "$rc" -eq 0
check "'2. kvt. 2023' is 2023Q2" test "$(value Aktiveringsgrad Brøndby 2023Q2)" = "12.4"
check "'1. halvår 2023' is 2023H1" test "$(value Aktiveringsgrad Ishøj 2023H1)" = "6.1"
check "2023Y01 is the year 2023" test "$(value Aktiveringsgrad Ishøj 2023)" = "7.2"
check "a quoted field with a comma" test "$(value 'Fleksjob, 1-5 timer' Ishøj 2023M08)" = "35.0"

# Re-import with changed values: updated, with revisions
printf 'indicator,area,period,value\nFleksjob,Ishøj,2023M08,290\nFleksjob,Brøndby,2023M08,301\n' >"$tmp/changed.csv"
revisions=$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")
run import "$tmp/changed.csv"
check "a re-import counts updated and unchanged" grep -qP '^Fleksjob\t0\t1\t1$' <<<"$out"
check "the changed value is stored" test "$(value Fleksjob Ishøj 2023M08)" = "290.0"
check "the revision is recorded with old and new value" test "$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")" -eq $((revisions + 1)) -a "$(sqlite3 "$db" "SELECT old_value || '>' || new_value FROM observation_revision ORDER BY id DESC LIMIT 1")" = "288.0>290.0"

# --dry-run writes nothing
before=$(dump)
printf 'indicator,area,period,value\nFleksjob,Ishøj,2023M08,999\nNyt nøgletal,Ishøj,2023M08,1\n' >"$tmp/dry.csv"
run import "$tmp/dry.csv" --dry-run
check "--dry-run reports what it would do" test "$rc" -eq 0 -a -n "$(grep -P '^Fleksjob\t0\t1\t0$' <<<"$out")" -a -n "$(grep 'dry run' <<<"$err")"
check "--dry-run writes nothing" test "$(dump)" = "$before"

# Bad input: a clear message naming file and line; nothing changed
bad() { # bad DESCRIPTION FILE EXPECTED-MESSAGE-PART
  local before; before=$(dump)
  run import "$data/long.csv" "$2"
  if [ "$rc" -eq 1 ] && grep -qF -- "$3" <<<"$err" && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [ "$(dump)" = "$before" ]; then
    ok "$1"
  else
    not_ok "$1" "rc=$rc" "$err"
  fi
}
bad "a truncated file" "$data/bad-truncated.csv" "bad-truncated.csv:3: a quoted field is not closed"
bad "an unknown period 2023M13" "$data/bad-period.csv" "bad-period.csv:3: “2023M13” is not a period"
bad "text where a number belongs" "$data/bad-text-number.csv" "bad-text-number.csv:3: “mange” in column “Fleksjob” is not a number"
bad "a row with too few fields" "$data/bad-too-few.csv" "bad-too-few.csv:3: the row has 3 fields, the header has 4"
bad "an empty file" "$data/bad-empty.csv" "bad-empty.csv: the file is empty"
printf 'Omr\0de;Periode\n\x89PNG\r\n' >"$tmp/binary.csv"
bad "a binary file" "$tmp/binary.csv" "binary.csv: this is not a text file"
/usr/bin/python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('Område;Periode;Fleksjob\nIshøj;2023M08;')
    f.write('9' * (50 * 1024 * 1024))
    f.write('\n')
" "$tmp/long-line.csv"
bad "a 50 MB line" "$tmp/long-line.csv" "long-line.csv:2: a field is longer than"
bad "a missing file" "$tmp/no-such.csv" "no-such.csv"
printf '{"columns": ["Area", "Period", "X"], "rows": [["Ishøj", "2023M08", 1], ["Ishøj", "2023M09", "x"]]}' >"$tmp/bad.json"
bad "a JSON row with text for a number" "$tmp/bad.json" "bad.json: row 2: “x” in column “X” is not a number"
printf '[{"Variables": ["Område", "Periode", "X"], "Data": [["Ishøj", "2023M08", 1]' >"$tmp/cut.json"
bad "a cut JSON file" "$tmp/cut.json" "cut.json:"

# series list
run series list --indicator Fleksjob
check "series list shows indicator, area, period, value, unit, preliminary, table, breakdown" test "$rc" -eq 0 -a "$(printf '%s\n' "$out" | head -1)" = "$(printf 'indicator\tarea\tperiod\tvalue\tunit\tpreliminary\ttable\tbreakdown')"
run series list --indicator 'Sygedagpenge: Andel uden fire samtaler' --format json
check "series list json has null for a missing value" /usr/bin/python3 -c '
import json, sys
rows = json.loads(sys.argv[1])
b = [r for r in rows if r["area"] == "Brøndby"]
assert b[0]["value"] is None and b[0]["period"] == "2023M01", b
assert [r for r in rows if r["area"] == "Ishøj"][0]["value"] == 33.0
' "$out"
run series list --indicator 'Sygedagpenge: Andel uden fire samtaler'
check "series list tsv leaves a missing value empty" grep -qP '^Sygedagpenge: Andel uden fire samtaler\tBrøndby\t2023M01\t\tpct\tfalse\t\t$' <<<"$out"
run series list --indicator Nothing
check "series list of an unknown indicator exits 1" test "$rc" -eq 1
run import
check "import without files is wrong usage" test "$rc" -eq 2

echo "1..$n"
[ "$failures" -eq 0 ]
