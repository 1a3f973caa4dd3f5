#!/bin/bash
# Importing real Jobindsats answers: every shape the API and its downloads
# send, breakdowns as their own series, the table a file was read as, error
# answers refused, and old databases migrated. Checked through what a person
# sees: `series list` and the messages. Prints TAP.
set -u
indsats=${INDSATS:?}
data=${INDSATS_SOURCE_ROOT:?}/tests/data/import
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/k.db"
n=0; failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d" "rc=$rc" "$err"; fi; }
run() { out=$("$indsats" "$@" --database "$db" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err"); }
# series INDICATOR AREA PERIOD → "value|table|breakdown" from `series list --format json`, "none" if absent
series() {
  "$indsats" series list --database "$db" --format json 2>/dev/null | /usr/bin/python3 -c '
import json, sys
rows = [r for r in json.load(sys.stdin) if (r["indicator"], r["area"], r["period"]) == tuple(sys.argv[1:4])]
if not rows:
    print("none")
else:
    r = rows[0]
    v = "null" if r["value"] is None else repr(r["value"])
    print("%s|%s|%s" % (v, r["table"], r["breakdown"]))
' "$@"
}
dump() { "$indsats" series list --database "$db" 2>/dev/null | sha256sum; sqlite3 "$db" "SELECT count(*) FROM indicator; SELECT count(*) FROM observation_revision" | sha256sum; }

# API v2 CSV (y01a02): a breakdown column (Køn), every value its own series
run import "$data/star-y01a02-v2-csv-documented.csv"
check "the v2 CSV of y01a02 imports" test "$rc" -eq 0
check "the summary names the table it was read as" grep -qF "star-y01a02-v2-csv-documented.csv: table y01a02, 4 measures, breakdowns: Køn" <<<"$err"
check "the total is its own series" test "$(series 'Antal personer (y01a02)' 'Hele landet' 2021M01)" = "144315.0|y01a02|Køn: Køn i alt"
check "Kvinder is its own series" test "$(series 'Antal personer (y01a02, Kvinder)' 'Hele landet' 2021M01)" = "72405.0|y01a02|Køn: Kvinder"
check "and Mænd does not overwrite Kvinder" test "$(series 'Antal personer (y01a02, Mænd)' 'Hele landet' 2021M01)" = "71910.0|y01a02|Køn: Mænd"
check "a decimal comma in a share" test "$(series 'Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år (y01a02)' 'Hele landet' 2021M02)" = "4.4|y01a02|Køn: Køn i alt"
check "the summary counts per series" grep -qP '^Antal personer \(y01a02, Kvinder\)\t2\t0\t0$' <<<"$out"

# API v2 JSON of the same table: the same series, so nothing new
run import "$data/v2-json-y01a02-documented.json"
check "the v2 JSON (Variables with Name and Label, cells as text) imports" test "$rc" -eq 0
check "... into the same series as the CSV: unchanged" grep -qP '^Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år \(y01a02, Mænd\)\t0\t0\t1$' <<<"$out"
check "... read with a decimal comma" grep -qF "v2-json-y01a02-documented.json: 5 values, read with a decimal comma" <<<"$err"

# In one column of a v2 answer: text with a decimal comma, a JSON number and null
main_db=$db db="$tmp/mixed.db"
sed -e 's/\["Hele landet","2021M02","Køn i alt","4,4"\]/["Hele landet","2021M02","Køn i alt",4.4]/' \
    -e 's/\["Hele landet","2021M02","Kvinder","2,1"\]/["Hele landet","2021M02","Kvinder",null]/' \
    "$data/v2-json-y01a02-documented.json" >"$tmp/y01a02-mixed.json"
run import "$tmp/y01a02-mixed.json"
check "a v2 answer with numbers as text and as numbers imports" test "$rc" -eq 0
check "... the text with a decimal comma" test "$(series 'Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år (y01a02)' 'Hele landet' 2021M01)" = "4.2|y01a02|Køn: Køn i alt"
check "... the JSON number" test "$(series 'Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år (y01a02)' 'Hele landet' 2021M02)" = "4.4|y01a02|Køn: Køn i alt"
check "... null as missing" test "$(series 'Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år (y01a02, Kvinder)' 'Hele landet' 2021M02)" = "null|y01a02|Køn: Kvinder"
db=$main_db

# One value per series in one import: a breakdown value repeated with another number is refused, naming both lines
cp "$data/star-y01a02-v2-csv-documented.csv" "$tmp/y01a02-twice.csv"
printf 'Hele landet;2021M01;Kvinder;72406;59664;2,1;1,6\n' >>"$tmp/y01a02-twice.csv"
before=$(dump)
run import "$tmp/y01a02-twice.csv"
check "a series given twice with two values is refused" test "$rc" -eq 1
check "... naming the series and both lines" grep -qF "y01a02-twice.csv:$(wc -l <"$tmp/y01a02-twice.csv"): “Antal personer (y01a02, Kvinder)”, Hele landet, 2021M01 is 72406 here but 72405 at $tmp/y01a02-twice.csv:3" <<<"$err"
check "... and nothing changes" test "$(dump)" = "$before"

# The same measure label in another table is another series
cp "$data/star-y01a02-v2-csv-documented.csv" "$tmp/Y08A02-2021.csv"
sed -i 's/144315/999/' "$tmp/Y08A02-2021.csv"
run import "$tmp/Y08A02-2021.csv"
check "a table id in upper case in the file name is read" grep -qF "Y08A02-2021.csv: table y08a02" <<<"$err"
check "the same label from another table is another series" test "$(series 'Antal personer (y08a02)' 'Hele landet' 2021M01)" = "999.0|y08a02|Køn: Køn i alt"
check "... and leaves the first table's series alone" test "$(series 'Antal personer (y01a02)' 'Hele landet' 2021M01)" = "144315.0|y01a02|Køn: Køn i alt"

# --table for a file whose name says nothing
cp "$data/star-y01a02-v2-csv-documented.csv" "$tmp/download.csv"
run import "$tmp/download.csv" --table Y01A02
check "--table names the table" test "$rc" -eq 0 -a -n "$(grep -F 'download.csv: table y01a02' <<<"$err")"
check "... and the values land in its series: unchanged" grep -qP '^Antal personer \(y01a02\)\t0\t0\t2$' <<<"$out"
run import "$tmp/download.csv" --table 'y01 a02'
check "a --table that is no table id is wrong usage" test "$rc" -eq 2
run import "$tmp/download.csv" --dry-run
check "without a table id the summary says so" grep -qF "download.csv: no table id" <<<"$err"

# BOM, CRLF and Windows-1252, as after a trip through Excel
printf '\xef\xbb\xbf' >"$tmp/y01a02-bom-crlf.csv"
sed 's/$/\r/' "$data/star-y01a02-v2-csv-documented.csv" >>"$tmp/y01a02-bom-crlf.csv"
run import "$tmp/y01a02-bom-crlf.csv"
check "with a BOM and CRLF: the same series, unchanged" test "$rc" -eq 0 -a -n "$(grep -P '^Antal personer \(y01a02, Mænd\)\t0\t0\t1$' <<<"$out")"
iconv -f UTF-8 -t WINDOWS-1252 "$data/star-y01a02-v2-csv-documented.csv" | sed 's/$/\r/' >"$tmp/y01a02-1252.csv"
run import "$tmp/y01a02-1252.csv"
check "in Windows-1252: Køn and Mænd read right, unchanged" test "$rc" -eq 0 -a -n "$(grep -P '^Antal personer \(y01a02, Mænd\)\t0\t0\t1$' <<<"$out")"

# A table whose sample has no total row
grep -v 'Køn i alt' "$data/star-y01a02-v2-csv-documented.csv" | sed 's/72405/72406/' >"$tmp/y01a02-no-total.csv"
run import "$tmp/y01a02-no-total.csv"
check "a table without total rows imports its values" test "$rc" -eq 0 -a "$(series 'Antal personer (y01a02, Kvinder)' 'Hele landet' 2021M01)" = "72406.0|y01a02|Køn: Kvinder"

# API v2 CSV of y30r21: "Group: Measure" headers, QMAT periods, negative numbers
run import "$data/randers-y30r21-reconstructed-v2-small.csv"
check "the v2 CSV of y30r21 imports" test "$rc" -eq 0
check "a rolling year, a Group: Measure label" test "$(series 'Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: Forventet antal (y30r21)' København 2020QMAT02)" = "43070.0|y30r21|Ydelsesgrupper: Ydelsesgrupper i alt"
check "a negative difference for a breakdown value" test "$(series 'Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: Forskel mellem forventet og faktisk antal (y30r21, A-dagpenge mv.)' København 2020QMAT02)" = "-280.0|y30r21|Ydelsesgrupper: A-dagpenge mv."

# API v3 (y25i01): period first, two breakdowns, JSON numbers
run import "$data/v3-y25i01-unemployment_total.json"
check "the v3 answer of y25i01 imports" test "$rc" -eq 0 -a -n "$(grep -F 'table y25i01, 4 measures, breakdowns: Ydelsesgrupper, A-kasse' <<<"$err")"
check "two breakdowns at their totals" test "$(series 'Antal ledige personer (y25i01)' 'Hele landet' 2025M05)" = "101672.0|y25i01|Ydelsesgrupper: Ydelsesgrupper i alt; A-kasse: I alt"
check "a decimal point" test "$(series 'Ledige fuldtidspersoner i pct. af befolkningen 16-66 år (y25i01)' 'Hele landet' 2026M02)" = "2.7|y25i01|Ydelsesgrupper: Ydelsesgrupper i alt; A-kasse: I alt"

# API v3 (y01h01): quarters written 2025Q04, null cells missing, never 0
run import "$data/v3-y01h01-sanctions_akasser.json"
check "the v3 answer of y01h01 imports" test "$rc" -eq 0
check "a null cell is missing, not zero" test "$(series 'Antal sanktioner fordelt på type: Gentagelsesvirkning (arbejdskrav) (y01h01, A-kassen for Journalistik, Komm. og Sprog)' 'Hele landet' 2025Q4)" = "null|y01h01|A-kasse: A-kassen for Journalistik, Komm. og Sprog"
check "the next cell of that row is there" test "$(series 'Antal sanktioner fordelt på type: Andre (arbejdskrav) (y01h01, Socialpædagogernes A-Kasse)' 'Hele landet' 2025Q4)" = "4.0|y01h01|A-kasse: Socialpædagogernes A-Kasse"

# API v3 (y25i05) without a breakdown column
run import "$data/v3-y25i05-notices.json"
check "a v3 answer without breakdowns imports" test "$rc" -eq 0 -a -n "$(grep -F 'breakdowns: none' <<<"$err")"
check "... with an empty breakdown" test "$(series 'Varslinger, antal personer (y25i05)' 'Hele landet' 2026M06)" = "583.0|y25i05|"

# series list shows the table and the breakdown
run series list --indicator 'Antal personer (y01a02, Kvinder)'
check "series list has table and breakdown columns" test "$(head -1 <<<"$out")" = "$(printf 'indicator\tarea\tperiod\tvalue\tunit\tpreliminary\ttable\tbreakdown')"
check "... filled in" grep -qP '^Antal personer \(y01a02, Kvinder\)\tHele landet\t2021M01\t72406\tpersoner\tfalse\ty01a02\tKøn: Kvinder$' <<<"$out"

# Error answers saved as files: named, exit 1, nothing changed
refused() { # refused DESCRIPTION FILE EXPECTED-MESSAGE-PART
  local before; before=$(dump)
  run import "$data/star-y01a02-v2-csv-documented.csv" "$2"
  if [ "$rc" -eq 1 ] && grep -qF -- "$3" <<<"$err" && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [ "$(dump)" = "$before" ]; then
    ok "$1"
  else
    not_ok "$1" "rc=$rc" "$err"
  fi
}
refused "the v2 answer to a wrong key" "$data/v2-error-invalid-key.json" "v2-error-invalid-key.json: this is an error answer, not key figures: Jobindsats refused the key"
refused "... says the key is wrong or expired" "$data/v2-error-invalid-key.json" "the key is wrong or has expired"
refused "the v3 error 422 gives the API's cause" "$data/v3-error-422.json" "v3-error-422.json: this is an error answer, not key figures: the Jobindsats API refused the request (422): Unknown hierarchies: ['_nykom']"
printf 'Area;Periode;Køn;Antal personer\nHele landet;2021M01;Kvinder;1\nHele landet;2021M02;4;2\n' >"$tmp/y01a02-shifted.csv"
refused "a number in a breakdown column" "$tmp/y01a02-shifted.csv" "y01a02-shifted.csv:3: “4” in column “Køn” is a number"

# A database from before tables and breakdowns: migrated, nothing lost
old="$tmp/old.db"
printf 'indicator,area,period,value,unit\nFleksjob,Ishøj,2023M08,288,antal\nFleksjob,Brøndby,2023M08,301,antal\n' >"$tmp/long.csv"
"$indsats" import "$tmp/long.csv" --database "$old" >/dev/null 2>&1
current=$(sqlite3 "$old" 'PRAGMA user_version')
# every table that later versions add goes too, so that the old file is as version 1 wrote it
sqlite3 "$old" "ALTER TABLE action DROP COLUMN started_on; ALTER TABLE action_history DROP COLUMN changed_by; DROP INDEX IF EXISTS figure_series_by_figure; DROP INDEX IF EXISTS figure_series_by_indicator; DROP INDEX IF EXISTS figure_by_goal; DROP TABLE IF EXISTS snapshot_indicator; DROP TABLE IF EXISTS snapshot_action; DROP TABLE IF EXISTS snapshot; DROP INDEX indicator_by_origin; ALTER TABLE indicator DROP COLUMN table_id; ALTER TABLE indicator DROP COLUMN measure; ALTER TABLE indicator DROP COLUMN breakdown; PRAGMA user_version = 1;"
before=$(sqlite3 "$old" "SELECT i.name, o.area, o.period, o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id ORDER BY 1, 2, 3")
db=$old
run series list
check "an old database opens and lists its figures" test "$rc" -eq 0 -a -n "$(grep -P '^Fleksjob\tIshøj\t2023M08\t288\tantal\tfalse\t\t$' <<<"$out")"
check "... migrated to the current version" test "$(sqlite3 "$old" 'PRAGMA user_version')" = "$current"
check "... losing nothing" test "$(sqlite3 "$old" "SELECT i.name, o.area, o.period, o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id ORDER BY 1, 2, 3")" = "$before"
run import "$data/star-y01a02-v2-csv-documented.csv"
check "... and takes tables afterwards" test "$rc" -eq 0 -a "$(series 'Antal personer (y01a02)' 'Hele landet' 2021M01)" = "144315.0|y01a02|Køn: Køn i alt"

# A database of version 3 (tables, breakdowns and snapshots) with names in NFD: brought up to date in NFC
v3="$tmp/v3.db"
"$indsats" import "$data/star-y01a02-v2-csv-documented.csv" --database "$v3" >/dev/null 2>&1
nfc=$(printf '\xc3\x85benr\xc3\xa5') nfd=$(printf 'A\xcc\x8abenra\xcc\x8a')
sqlite3 "$v3" "INSERT INTO plan (id, title, created_at) VALUES (1, 'Plan', '2023-03-07 10:00:00');
  INSERT INTO snapshot (id, plan_id, name, meeting_date, created_at) VALUES (1, 1, 'Møde i $nfd', '2023-03-07', '2023-03-07 10:00:00');
  INSERT INTO snapshot_indicator (snapshot_id, position, indicator, area, period, value) VALUES (1, 0, 'Antal personer (y01a02)', '$nfd', '2021M01', 1);
  UPDATE indicator SET breakdown = 'Køn: $nfd' WHERE name = 'Antal personer (y01a02, Kvinder)';
  ALTER TABLE action DROP COLUMN started_on; ALTER TABLE action_history DROP COLUMN changed_by;
  ALTER TABLE snapshot_action DROP COLUMN started_on;
  DROP INDEX IF EXISTS figure_series_by_figure; DROP INDEX IF EXISTS figure_series_by_indicator; DROP INDEX IF EXISTS figure_by_goal; PRAGMA user_version = 3;"
db=$v3
run series list
check "a version 3 database with names in NFD opens" test "$rc" -eq 0 -a "$(sqlite3 "$v3" 'PRAGMA user_version')" = "$current"
check "... its snapshot's name is in NFC" test "$(sqlite3 "$v3" 'SELECT name FROM snapshot')" = "Møde i $nfc"
check "... and the area of its figure" test "$(sqlite3 "$v3" 'SELECT area FROM snapshot_indicator')" = "$nfc"
check "... and a series' breakdown" test "$(sqlite3 "$v3" "SELECT breakdown FROM indicator WHERE name = 'Antal personer (y01a02, Kvinder)'")" = "Køn: $nfc"

echo "1..$n"
[ "$failures" -eq 0 ]
