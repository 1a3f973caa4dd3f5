#!/bin/bash
# The command line speaks Danish to a Danish user: under da_DK.UTF-8 with
# LANGUAGE=da its messages, the core's messages it passes on and its help are
# Danish, with the file, line and field named as in English; a bad file
# changes nothing. Needs the tests' da_DK.UTF-8 locale (LOCPATH). Prints TAP.
set -u
indsats=${INDSATS:?}
: "${LOCPATH:?needs the da_DK.UTF-8 locale of the tests}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg"

n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { # check DESCRIPTION CONDITION...
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d" "out: $out" "err: $err"; fi
}
danish() { # danish ARGS...: the program as a Danish user runs it; sets out, err, rc
  out=$(LC_ALL=da_DK.UTF-8 LANGUAGE=da "$indsats" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
}
english() { # english ARGS...: the same locale, messages asked for in English
  out=$(LC_ALL=da_DK.UTF-8 LANGUAGE=en "$indsats" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
}

db="$tmp/plan.db"
danish demo --database "$db"
check "demo under da_DK.UTF-8 exits 0" test "$rc" -eq 0
printf 'indicator,area,period,value\nTestledighed,Ishøj,2023M01,4.5\nTestledighed,Ishøj,2023M02,4.7\n' >"$tmp/god.csv"
danish import "$tmp/god.csv" --database "$db"
check "a good file imports" test "$rc" -eq 0
check "its summary is Danish" grep -qx "1 fil, 2 værdier: 2 tilføjet, 0 opdateret, 0 uændret" <<<"$err"
check "and what was read, in Danish" grep -qx "$tmp/god.csv: 2 værdier, læst med decimalpunktum" <<<"$err"

# A bad value on line 3: the core's message in Danish, naming file, line and column
printf 'indicator,area,period,value\nTestledighed,Ishøj,2023M03,4.9\nTestledighed,Ishøj,2023M04,fem\n' >"$tmp/fejl.csv"
before=$(sqlite3 "$db" .dump)
danish import "$tmp/fejl.csv" --database "$db"
check "a bad file fails with exit 1" test "$rc" -eq 1
check "the message is Danish and names FILE:LINE and the column" \
  test "$err" = "indsats import: $tmp/fejl.csv:3: „fem“ i kolonnen „value“ er ikke et tal"
check "nothing is stored: the database is as before, without line 2's good value" test "$(sqlite3 "$db" .dump)" = "$before"
english import "$tmp/fejl.csv" --database "$db"
check "the same message in English under LANGUAGE=en" \
  test "$err" = "indsats import: $tmp/fejl.csv:3: “fem” in column “value” is not a number"

# A file that is not there and a short row: the reading's messages
danish import "$tmp/mangler.csv" --database "$db"
check "a missing file fails with exit 1" test "$rc" -eq 1
printf 'indicator,area,period,value\nTestledighed,Ishøj,2023M05\n' >"$tmp/kort.csv"
danish import "$tmp/kort.csv" --database "$db"
check "a short row is named by FILE:LINE in Danish" test "$err" = "indsats import: $tmp/kort.csv:2: rækken har 3 felter, overskriften har 4"
check "and nothing is stored" test "$(sqlite3 "$db" .dump)" = "$before"

# The store's messages, with a 64-bit id in them
danish actions edit 999 --status done --database "$db"
check "an unknown action: exit 1 and a Danish message" \
  test "$rc" -eq 1 -a "$err" = "indsats actions edit: Der er ingen indsats 999"
danish actions add --team Sygedagpengeteam --focus Opfølgning --owner Fagkoordinator --start 2023-13-01 \
  --text "Ny indsats" --database "$db"
check "a bad date: exit 2 and a Danish message" test "$rc" -eq 2 -a -n "$(grep -F '„2023-13-01“ er ikke en gyldig dato' <<<"$err")"
check "and no action was added" test "$(sqlite3 "$db" .dump)" = "$before"

# The command line's own messages
danish actions frobnicate --database "$db"
check "an unknown subcommand: Danish, with the subcommands and where help is" \
  test "$rc" -eq 2 -a "$err" = "indsats actions: ukendt actions-kommando „frobnicate“ (brug list, add, edit, delete eller history) (se indsats --help)"
danish export xlsx "$tmp/udvalg.txt" --database "$db"
check "a wrong file name for the workbook: Danish" \
  test "$rc" -eq 2 -a "$err" = "indsats export: „$tmp/udvalg.txt“ skal ende på .xlsx (se indsats --help)"

# Help
danish --help
check "indsats --help is Danish" test "$rc" -eq 0 -a "$(head -1 <<<"$out")" = "Brug:"
check "--help says what each command does in Danish" \
  test -n "$(grep -F 'skriv demoplanen i FIL' <<<"$out")" -a -n "$(grep -F 'Afslutningsstatus: 0 udført' <<<"$out")"
check "--help has no English sentence left" test -z "$(grep -E 'open the window|Options:|Exit status|the database \(default' <<<"$out")"
danish import --help
check "import --help: the summary and options in Danish" \
  test "$rc" -eq 0 -a -n "$(grep -F 'Importér nøgletal: CSV eller JSON fra Jobindsats' <<<"$out")" \
  -a -n "$(grep -E '^  --dry-run +Kontrollér og tæl, men skriv intet$' <<<"$out")"
check "the parameters named in Danish" test -n "$(grep -F 'FIL…' <<<"$out")"
danish actions add --help
check "actions add --help: Danish descriptions and placeholders" \
  test -n "$(grep -E '^  --start=ÅÅÅÅ-MM-DD +Hvornår den træder i kraft$' <<<"$out")" \
  -a -z "$(grep -F 'When it takes effect' <<<"$out")"
english --help
check "indsats --help under LANGUAGE=en stays English" test "$(head -1 <<<"$out")" = "Usage:"

echo "1..$n"
[ "$failures" -eq 0 ]
