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
check "a UTF-8 file with a BOM and an Area/Period header imports" test "$rc" -eq 0 -a "$(value 'Ledighedsydelse pr. kvartal' Ishøj 2022Q3)" = "74.0"
check "2023Q02 is the second quarter" test "$(value 'Ledighedsydelse pr. kvartal' Ishøj 2023Q2)" = "57.0"

run import "$data/long.csv"
check "a long indicator,area,period,value,unit file imports" test "$rc" -eq 0
check "'2. kvt. 2023' is 2023Q2" test "$(value Aktiveringsgrad Brøndby 2023Q2)" = "12.4"
check "'1. halvår 2023' is 2023H1" test "$(value 'Aktiveringsgrad pr. halvår' Ishøj 2023H1)" = "6.1"
check "2023Y01 is the year 2023" test "$(value 'Aktiveringsgrad pr. år' Ishøj 2023)" = "7.2"
check "2023QMAT02 is a rolling year" test "$(value 'Ledighedsydelse år til kvartal' Ishøj 2023QMAT02)" = "61.0"
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


# Numbers: a column's decimal mark is decided once, from all its cells
refused() { # refused DESCRIPTION EXPECTED-MESSAGE-PART IMPORT-ARGS...: exit 1, one line, nothing changed
  local d=$1 expected=$2 before; shift 2
  before=$(dump)
  run import "$@"
  if [ "$rc" -eq 1 ] && grep -qF -- "$expected" <<<"$err" && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] &&
     [ "$(dump)" = "$before" ]; then
    ok "$d"
  else
    not_ok "$d" "rc=$rc" "$err"
  fi
}
printf 'Område;Periode;Decimaltal\nIshøj;2023M01;0.125\nIshøj;2023M02;27.333\nIshøj;2023M03;1234.567\nIshøj;2023M04;-1.234\nIshøj;2023M05;12.5\n' >"$tmp/points.csv"
run import "$tmp/points.csv"
check "a ';' file whose dots cannot group thousands imports" test "$rc" -eq 0
check "... every value as written: 0.125, 27.333, 1234.567, -1.234, 12.5" \
  test "$(sqlite3 "$db" "SELECT group_concat(o.value, ' ') FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.name = 'Decimaltal' ORDER BY o.period")" = "0.125 27.333 1234.567 -1.234 12.5"
check "... and the summary says it was read with a decimal point" grep -qF "points.csv: 5 values, read with a decimal point" <<<"$err"
run series list --indicator Decimaltal
check "series list shows the values as written" test "$(printf '%s\n' "$out" | cut -f3,4 | tail -n +2 | tr '\n' ' ')" = "2023M01	0.125 2023M02	27.333 2023M03	1234.567 2023M04	-1.234 2023M05	12.5 "
run import "$data/jobindsats-semikolon.csv" --dry-run
check "... 'read with a decimal comma'" grep -qF "jobindsats-semikolon.csv: 10 values, read with a decimal comma" <<<"$err"

# the same text is the same number from CSV, TSV and JSON
printf 'Område;Periode;Samme tal CSV\nIshøj;2023M01;27.333\nIshøj;2023M02;0,5\n' >"$tmp/same.csv"
printf 'Område\tPeriode\tSamme tal TSV\nIshøj\t2023M01\t27.333\nIshøj\t2023M02\t0,5\n' >"$tmp/same.tsv"
printf '{"columns": ["Område", "Periode", "Samme tal JSON"], "rows": [["Ishøj", "2023M01", "27.333"], ["Ishøj", "2023M02", "0,5"]]}' >"$tmp/same.json"
run import "$tmp/same.csv" "$tmp/same.tsv" "$tmp/same.json"
check "the same cells import from CSV, TSV and JSON" test "$rc" -eq 0
check "... as the same numbers: 27.333 with a decimal comma in the column is 27333" \
  test "$(value 'Samme tal CSV' Ishøj 2023M01)" = "27333.0" -a "$(value 'Samme tal TSV' Ishøj 2023M01)" = "27333.0" -a "$(value 'Samme tal JSON' Ishøj 2023M01)" = "27333.0"
check "... and 0,5 is a half in each" \
  test "$(value 'Samme tal CSV' Ishøj 2023M02)" = "0.5" -a "$(value 'Samme tal TSV' Ishøj 2023M02)" = "0.5" -a "$(value 'Samme tal JSON' Ishøj 2023M02)" = "0.5"
printf '{"columns": ["Område", "Periode", "JSON-tal"], "rows": [["Ishøj", "2023M01", 27.333], ["Ishøj", "2023M02", 1234]]}' >"$tmp/native.json"
run import "$tmp/native.json"
check "a JSON number is read exactly: 27.333 is 27.333" test "$rc" -eq 0 -a "$(value JSON-tal Ishøj 2023M01)" = "27.333"

# where nothing tells, refuse, naming the line and the column and --decimal
printf 'Område;Periode;Tvetydig\nIshøj;2023M01;1.234\nIshøj;2023M02;27.333\nIshøj;2023M03;12\n' >"$tmp/ambiguous.csv"
refused "a column of only 1.234-like cells is refused" "ambiguous.csv:2: “1.234” in column “Tvetydig” may be 1234 or 1.234" "$tmp/ambiguous.csv"
check "... and the message says --decimal comma or --decimal point" grep -qF -- "--decimal comma or --decimal point" <<<"$err"
run import "$tmp/ambiguous.csv" --decimal comma
check "--decimal comma reads 1.234 as 1234 and 27.333 as 27333" test "$rc" -eq 0 -a "$(value Tvetydig Ishøj 2023M01)" = "1234.0" -a "$(value Tvetydig Ishøj 2023M02)" = "27333.0"
check "... and the summary says so" grep -qF "read with a decimal comma, as asked" <<<"$err"
sed 's/Tvetydig/Tvetydig med punktum/' "$tmp/ambiguous.csv" >"$tmp/ambiguous-point.csv"
run import "$tmp/ambiguous-point.csv" --decimal point
check "--decimal point reads 1.234 as 1.234" test "$rc" -eq 0 -a "$(value 'Tvetydig med punktum' Ishøj 2023M01)" = "1.234"
refused "a cell against --decimal is refused" "“1,5” in column “Tvetydig” is not a number written with a decimal point, as --decimal point says" \
  --decimal point "$(printf 'Område;Periode;Tvetydig\nIshøj;2023M04;1,5\n' >"$tmp/against.csv"; echo "$tmp/against.csv")"
before=$(dump)
run import "$tmp/ambiguous.csv" --decimal semikolon
check "an unknown --decimal is wrong usage and changes nothing" test "$rc" -eq 2 -a "$(dump)" = "$before" -a -n "$(grep -F -- '--decimal: “semikolon”' <<<"$err")"

# groups and other columns tell
printf 'Område;Periode;Grupper\nIshøj;2023M01;1.234.567\nIshøj;2023M02;1.234\n' >"$tmp/groups.csv"
run import "$tmp/groups.csv"
check "1.234.567 in the column makes its dots thousands: 1.234 is 1234" test "$rc" -eq 0 -a "$(value Grupper Ishøj 2023M02)" = "1234.0" -a "$(value Grupper Ishøj 2023M01)" = "1234567.0"
printf 'Område;Periode;Antal;Andel\nIshøj;2023M01;1.234;4,2\nIshøj;2023M02;1.198;3,9\n' >"$tmp/neighbour.csv"
run import "$tmp/neighbour.csv"
check "a column that shows no mark follows the file's other columns: 1.234 beside 4,2 is 1234" test "$rc" -eq 0 -a "$(value Antal Ishøj 2023M01)" = "1234.0" -a "$(value Andel Ishøj 2023M01)" = "4.2"
printf 'Område;Periode;Blandet\nIshøj;2023M01;12,5\nIshøj;2023M02;0.125\n' >"$tmp/mixed.csv"
refused "a column with a decimal comma and a decimal point is refused naming both lines" \
  "mixed.csv:3: “0.125” in column “Blandet” has a decimal point, but “12,5” at $tmp/mixed.csv:2 has a decimal comma" "$tmp/mixed.csv"

# Files Excel writes: UTF-16 with a byte order mark, LE and BE
printf 'Område\tPeriode\tUnicode-tekst\nIshøj\t2023M01\t4,5\nBrøndby\t2023M01\t3,25\n' >"$tmp/utf8.txt"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$tmp/utf8.txt"; } >"$tmp/utf16le.txt"
run import "$tmp/utf16le.txt"
check "a UTF-16 LE file with a BOM (Excel's Unicode text) imports" test "$rc" -eq 0 -a "$(value Unicode-tekst Ishøj 2023M01)" = "4.5" -a "$(value Unicode-tekst Brøndby 2023M01)" = "3.25"
sed 's/Unicode-tekst/Unicode-tekst BE/' "$tmp/utf8.txt" >"$tmp/utf8-be.txt"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$tmp/utf8-be.txt"; } >"$tmp/utf16be.txt"
run import "$tmp/utf16be.txt"
check "a UTF-16 BE file with a BOM imports, Ishøj spelled right" test "$rc" -eq 0 -a "$(value 'Unicode-tekst BE' Ishøj 2023M01)" = "4.5"
head -c 41 "$tmp/utf16le.txt" >"$tmp/utf16-cut.txt"
refused "a UTF-16 file cut in half a character is refused" "utf16-cut.txt: the UTF-16LE text ends in half a character" "$tmp/utf16-cut.txt"

# Names in NFC: "Århus" typed as A + ring (NFD) and as Å (NFC) is one area
nfc=$(printf '\xc3\x85rhus') nfd=$(printf 'A\xcc\x8arhus')
printf 'indicator,area,period,value\nNavne i NFC,%s,2023M01,1\nNavne i NFC,%s,2023M02,2\n' "$nfc" "$nfd" >"$tmp/nfd.csv"
run import "$tmp/nfd.csv"
check "an area spelled in NFD and in NFC imports" test "$rc" -eq 0
check "... as one area, stored in NFC" test "$(sqlite3 "$db" "SELECT count(DISTINCT o.area) || ' ' || hex(min(o.area)) FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.name = 'Navne i NFC'")" = "1 $(printf '%s' "$nfc" | xxd -p -u)"
run series list --indicator 'Navne i NFC'
check "... series list shows both months under it" test "$(printf '%s\n' "$out" | tail -n +2 | cut -f2,3 | tr '\n' ' ')" = "$nfc	2023M01 $nfc	2023M02 "
printf 'Omra\xcc\x8ade;Periode;Navne i NFC\n%s;2023M04;4\n' "$nfd" >"$tmp/nfd-header.csv"
run import "$tmp/nfd-header.csv"
check "an NFD header (Område) is understood" test "$rc" -eq 0 -a "$(value 'Navne i NFC' "$nfc" 2023M04)" = "4.0"

# One import, one meaning: the same indicator, area and period twice
printf 'indicator,area,period,value\nDubletter,Ishøj,2023M01,1\nDubletter,Ishøj,2023-01,2\nDubletter,Ishøj,jan. 2023,3\nDubletter,Ishøj,januar 2023,4\n' >"$tmp/dupes.csv"
refused "the same period four times with four values is refused with both lines" \
  "dupes.csv:3: “Dubletter”, Ishøj, 2023M01 is 2 here but 1 at $tmp/dupes.csv:2" "$tmp/dupes.csv"
check "... nothing of it is stored" test -z "$(value Dubletter Ishøj 2023M01)"
printf 'indicator,area,period,value\nDubletter,Ishøj,2023M01,1\nDubletter,Ishøj,jan. 2023,1\n' >"$tmp/same-twice.csv"
run import "$tmp/same-twice.csv"
check "the same value twice is stored once" test "$rc" -eq 0 -a "$(value Dubletter Ishøj 2023M01)" = "1.0" -a -n "$(grep -P '^Dubletter\t1\t0\t0$' <<<"$out")"
check "... and no revision is invented" test "$(sqlite3 "$db" "SELECT count(*) FROM observation_revision r JOIN observation o ON o.id = r.observation_id JOIN indicator i ON i.id = o.indicator_id WHERE i.name = 'Dubletter'")" -eq 0
printf 'indicator,area,period,value\nDubletter,Ishøj,2023M02,5\n' >"$tmp/dupe-a.csv"
printf 'Område;Periode;Dubletter\nIshøj;feb. 2023;6\n' >"$tmp/dupe-b.csv"
refused "the same period in two files of one import is refused naming both files" \
  "dupe-b.csv:2: “Dubletter”, Ishøj, 2023M02 is 6 here but 5 at $tmp/dupe-a.csv:2" "$tmp/dupe-a.csv" "$tmp/dupe-b.csv"

# One unit per indicator
printf 'indicator,area,period,value,unit\nEnheder,Ishøj,2023M01,1,pct\nEnheder,Ishøj,2023M02,2,antal\n' >"$tmp/units.csv"
refused "a second unit for one indicator in a file is refused naming both" \
  "units.csv:3: the unit of “Enheder” is “antal” here but “pct” at $tmp/units.csv:2" "$tmp/units.csv"
printf 'indicator,area,period,value,unit\nEnheder,Ishøj,2023M01,1,pct\nEnheder,Ishøj,2023M02,2,Pct.\n' >"$tmp/units-same.csv"
run import "$tmp/units-same.csv"
check "pct and Pct. are one unit" test "$rc" -eq 0
printf 'indicator,area,period,value,unit\nEnheder,Ishøj,2023M03,3,kr.\n' >"$tmp/units-other.csv"
refused "a unit other than the indicator's in the database is refused naming both" \
  "units-other.csv:2: the unit of “Enheder” is “kr.” here but “pct” in the database" "$tmp/units-other.csv"

# A repeat found by the stored value's key: of a value this import wrote, far
# down a long file; of a value that was there before; after the database
# refused a row of another indicator
{ printf 'indicator,area,period,value\n'
  for i in $(seq 1 6000); do printf 'Lang fil,Område %d,2023M01,%d\n' "$i" "$i"; done
  printf 'Lang fil,Område 2,2023M01,9\n'; } >"$tmp/long-dupe.csv"
refused "a repeat 6,000 lines on names the first line of its key" \
  "long-dupe.csv:6002: “Lang fil”, Område 2, 2023M01 is 9 here but 2 at $tmp/long-dupe.csv:3" "$tmp/long-dupe.csv"
printf 'indicator,area,period,value\nDubletter,Ishøj,2023M01,7\nDubletter,Ishøj,januar 2023,8\n' >"$tmp/dupe-old.csv"
refused "two new values for a stored one are refused naming both lines" \
  "dupe-old.csv:3: “Dubletter”, Ishøj, 2023M01 is 8 here but 7 at $tmp/dupe-old.csv:2" "$tmp/dupe-old.csv"
printf 'indicator,area,period,value\nDubletter,Ishøj,2023M01,7\nDubletter,Ishøj,januar 2023,7\n' >"$tmp/dupe-old-same.csv"
revisions=$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")
run import "$tmp/dupe-old-same.csv"
check "one new value for a stored one, twice, is one update" test "$rc" -eq 0 -a "$(value Dubletter Ishøj 2023M01)" = "7.0" -a -n "$(grep -P '^Dubletter\t0\t1\t0$' <<<"$out")"
check "... with one revision" test "$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")" -eq $((revisions + 1)) -a "$(sqlite3 "$db" "SELECT old_value || '>' || new_value FROM observation_revision ORDER BY id DESC LIMIT 1")" = "1.0>7.0"
printf 'indicator,area,period,value,unit\nNy efter fejl,Ishøj,2023M01,1,antal\nEnheder,Ishøj,2023M04,3,kr.\nNy efter fejl,Ishøj,2023M01,2,antal\n' >"$tmp/dupe-after-refusal.csv"
refused "a repeat after the database refused a row is named first, with both lines" \
  "dupe-after-refusal.csv:4: “Ny efter fejl”, Ishøj, 2023M01 is 2 here but 1 at $tmp/dupe-after-refusal.csv:2" "$tmp/dupe-after-refusal.csv"
printf 'indicator,area,period,value\nTo filer,Ishøj,2023M01,1\n' >"$tmp/two-a.csv"
printf 'indicator,area,period,value\nTo filer,Brøndby,2023M01,1\nTo filer,Ishøj,2023M01,1\nTo filer,Ishøj,2023-01,3\n' >"$tmp/two-b.csv"
refused "a third value of a key in a second file names the first file's line" \
  "two-b.csv:4: “To filer”, Ishøj, 2023M01 is 3 here but 1 at $tmp/two-a.csv:2" "$tmp/two-a.csv" "$tmp/two-b.csv"

# Rows of one series are written many at a time: what each row means is the
# same as if it were written alone
months() { # months INDICATOR FIRST LAST [ADD] → one row per month, 2000M01 being 1, of value month + ADD
  for m in $(seq "$2" "$3"); do printf '%s,Ishøj,%dM%02d,%d\n' "$1" $((2000 + (m - 1) / 12)) $(((m - 1) % 12 + 1)) $((m + ${4:-0})); done
}
count_of() { sqlite3 "$db" "SELECT count(*) FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.name = '$1'"; }
# lines 2-11, 12 repeats line 8 (near), 13-152, 153 repeats line 22 (far), 154-203
{ printf 'indicator,area,period,value\n'; months Mange 1 10; months Mange 7 7; months Mange 11 150; months Mange 20 20
  months Mange 151 200; } >"$tmp/many-same.csv"
run import "$tmp/many-same.csv"
check "a long series with rows repeated with the same value imports each value once" \
  test "$rc" -eq 0 -a -n "$(grep -P '^Mange\t200\t0\t0$' <<<"$out")" -a "$(value Mange Ishøj 2000M07)" = "7.0" -a \
  "$(count_of Mange)" -eq 200
{ printf 'indicator,area,period,value\n'; months 'Mange igen' 1 20; months 'Mange igen' 5 5 1; months 'Mange igen' 21 150; } >"$tmp/many-dupe.csv"
refused "a repeat among rows written at once names both lines" \
  "many-dupe.csv:22: “Mange igen”, Ishøj, 2000M05 is 6 here but 5 at $tmp/many-dupe.csv:6" "$tmp/many-dupe.csv"
{ printf 'indicator,area,period,value\n'; months 'Mange igen' 1 150; months 'Mange igen' 3 3 1; months 'Mange igen' 151 200; } >"$tmp/many-dupe-far.csv"
refused "a repeat of a row written at once long before names both lines" \
  "many-dupe-far.csv:152: “Mange igen”, Ishøj, 2000M03 is 4 here but 3 at $tmp/many-dupe-far.csv:4" "$tmp/many-dupe-far.csv"
revisions=$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")
# lines 2-11 are new, 12-31 were there (the odd months change), 32-81 are new
{ printf 'indicator,area,period,value\n'; months Mange 201 210
  for m in $(seq 1 20); do months Mange "$m" "$m" $((m % 2 ? 1000 : 0)); done; months Mange 211 260; } >"$tmp/many-again.csv"
run import "$tmp/many-again.csv"
check "a long re-import counts the new, the changed and the unchanged rows" \
  test "$rc" -eq 0 -a -n "$(grep -P '^Mange\t60\t10\t10$' <<<"$out")" -a "$(count_of Mange)" -eq 260
check "... stores the changed values, with their revisions, and the new ones" \
  test "$(value Mange Ishøj 2000M01)" = "1001.0" -a "$(value Mange Ishøj 2000M02)" = "2.0" -a \
  "$(value Mange Ishøj 2021M08)" = "260.0" -a "$(sqlite3 "$db" "SELECT count(*) FROM observation_revision")" -eq $((revisions + 10))
# lines 2-11 are new, 12-31 were there (new values), 32 repeats line 16 with another value
{ printf 'indicator,area,period,value\n'; months Mange 261 270; months Mange 1 20 2000; months Mange 5 5 3000
  months Mange 271 300; } >"$tmp/many-dupe-old.csv"
refused "two new values for a stored one among rows written at once are refused naming both lines" \
  "many-dupe-old.csv:32: “Mange”, Ishøj, 2000M05 is 3005 here but 2005 at $tmp/many-dupe-old.csv:16" "$tmp/many-dupe-old.csv"

# One kind of period per indicator
printf 'indicator,area,period,value\nPeriodetyper,Ishøj,2023M01,1\nPeriodetyper,Ishøj,2023Q1,2\nPeriodetyper,Ishøj,2023,3\nPeriodetyper,Ishøj,2023QMAT02,4\n' >"$tmp/kinds.csv"
refused "months and quarters of one indicator in a file are refused naming the kind it has" \
  "kinds.csv:3: 2023Q1 is a quarter, but “Periodetyper” has values by month ($tmp/kinds.csv:2)" "$tmp/kinds.csv"
printf 'indicator,area,period,value\nPeriodetyper,Ishøj,2023M01,1\n' >"$tmp/kinds-month.csv"
run import "$tmp/kinds-month.csv"
printf 'indicator,area,period,value\nPeriodetyper,Ishøj,2023Q1,2\n' >"$tmp/kinds-quarter.csv"
refused "a quarter for a monthly indicator in the database is refused naming the kind it has" \
  "kinds-quarter.csv:2: 2023Q1 is a quarter, but “Periodetyper” holds values by month in the database" "$tmp/kinds-quarter.csv"

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

# A long file is read a piece at a time and written as it is read: the memory
# an import takes is bounded whatever the size of the file (the sanitizers' own bookkeeping
# would, so the sanitized build skips this)
if [ -z "${ASAN_OPTIONS:-}" ]; then
  /usr/bin/python3 - "$tmp/long.csv" "$tmp/short.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("indicator,area,period,value\n")
    for a in range(600):
        for m in range(1000):
            f.write(f"Ledige,Kommune {a:03d},{1950 + m // 12}M{m % 12 + 1:02d},{a}.{m % 10}\n")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("indicator,area,period,value\nLedige,Kommune 000,1950M01,1\n")
PY
  peak() { # peak COMMAND… → the command's peak resident memory in kB
    /usr/bin/python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if r.returncode == 0 else -1)' "$@"
  }
  short_kb=$(peak "$indsats" import "$tmp/short.csv" --database "$tmp/short.db")
  long_kb=$(peak "$indsats" import "$tmp/long.csv" --database "$tmp/long.db")
  file_kb=$(($(stat -c %s "$tmp/long.csv") / 1024))
  check "600,000 rows are imported" test "$(sqlite3 "$tmp/long.db" "SELECT count(*) FROM observation")" = 600000
  # what it may take more: the import's temporary keys (2 MB cached) and
  # SQLite's page cache (2 MB), whatever the file's size
  if [ "$short_kb" -gt 0 ] && [ "$long_kb" -gt 0 ] && [ $((long_kb - short_kb)) -lt 12288 ] &&
     [ "$file_kb" -gt 16384 ]; then
    ok "... taking $(((long_kb - short_kb) / 1024)) MB more than one row for a file of $((file_kb / 1024)) MB"
  else
    not_ok "... in memory that does not grow with the file" "one row: $short_kb kB, 600,000 rows: $long_kb kB, file: $file_kb kB"
  fi
fi

# On a terminal, a line on stderr counts the share read, and is gone at the end
[ -s "$tmp/long.csv" ] && head -100001 "$tmp/long.csv" >"$tmp/medium.csv"
if [ -s "$tmp/medium.csv" ] && command -v script >/dev/null; then
  script -qec "$indsats import $tmp/medium.csv --database $tmp/medium.db >/dev/null" /dev/null >"$tmp/tty" 2>&1
  check "on a terminal the import counts the share read" grep -qa $'\rImporting… [1-9][0-9]* %' "$tmp/tty"
  check "... and clears the line at the end" grep -qa $'\r\033\[K' "$tmp/tty"
  "$indsats" import "$tmp/medium.csv" --database "$tmp/medium2.db" >/dev/null 2>"$tmp/notty"
  check "... but writes nothing of it into a file" test ! -s "$tmp/notty" -o -z "$(grep -a 'Importing' "$tmp/notty")"
fi

echo "1..$n"
[ "$failures" -eq 0 ]
