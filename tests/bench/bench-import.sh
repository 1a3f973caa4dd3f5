#!/bin/bash
# Benchmark: a long CSV of 30 indicators × 99 areas × 72 months (213,840 rows)
# imported into an empty database by Indsats, and in the same run by the
# sqlite3 shell's .import into a table with the same unique index, in one
# transaction. Prints the ratio and the peak memory of each.
#
#   bash tests/bench/bench-import.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
indsats="$build/src/indsats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in hyperfine sqlite3 /usr/bin/python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (see tools/packages.txt)"; exit 1; }
done
ninja -C "$build" src/indsats >/dev/null

/usr/bin/python3 - "$work/long.csv" <<'PY'
import sys, math
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("indicator,area,period,value\n")
    for i in range(30):
        for a in range(99):
            area = "Hele landet" if a == 0 else f"Kommune {a:02d}"
            for m in range(72):
                v = round(10 + 5 * math.sin(i + a / 7 + m / 6), 1)
                f.write(f"Indikator {i + 1},{area},{2018 + m // 12}M{m % 12 + 1:02d},{v}\n")
PY
echo "rows: $(($(wc -l <"$work/long.csv") - 1))"

cat >"$work/peer.sql" <<SQL
PRAGMA journal_mode = WAL;
CREATE TABLE observation (indicator TEXT NOT NULL, area TEXT NOT NULL, period TEXT NOT NULL, value REAL,
                          UNIQUE (indicator, area, period));
BEGIN;
.import --csv --skip 1 $work/long.csv observation
COMMIT;
SQL

hyperfine --warmup 1 --runs 5 --export-json "$work/import.json" -N \
  --prepare "rm -f $work/i.db $work/i.db-wal $work/i.db-shm $work/s.db $work/s.db-wal $work/s.db-shm" \
  -n indsats "$indsats import $work/long.csv --database $work/i.db" \
  -n sqlite3 "sqlite3 $work/s.db -init $work/peer.sql .quit"

rm -f "$work"/i.db* "$work"/s.db*
/usr/bin/time -f "%M" -o "$work/mem-indsats" "$indsats" import "$work/long.csv" --database "$work/i.db" >/dev/null 2>&1
/usr/bin/time -f "%M" -o "$work/mem-sqlite" sqlite3 "$work/s.db" -init "$work/peer.sql" .quit >/dev/null 2>&1
echo "stored: indsats $(sqlite3 "$work/i.db" 'SELECT count(*) FROM observation'), sqlite3 $(sqlite3 "$work/s.db" 'SELECT count(*) FROM observation')"

/usr/bin/python3 - "$work/import.json" "$work/mem-indsats" "$work/mem-sqlite" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
r = {x["command"]: x["median"] for x in results}
# the processor time (user + system), which another program on a busy
# machine inflates less than the wall clock
cpu = {x["command"]: x["user"] + x["system"] for x in results}
mi, ms = (int(open(p).read().split()[-1]) for p in sys.argv[2:4])
print(f"import of 213,840 rows: indsats {r['indsats']:.2f} s, sqlite3 .import {r['sqlite3']:.2f} s; "
      f"indsats/sqlite3 = {r['indsats']/r['sqlite3']:.2f}; peak memory indsats {mi/1024:.0f} MB, sqlite3 {ms/1024:.0f} MB")
print(f"  processor time: indsats {cpu['indsats']:.2f} s, sqlite3 {cpu['sqlite3']:.2f} s; "
      f"indsats/sqlite3 = {cpu['indsats']/cpu['sqlite3']:.2f} (goal <= 1.0); memory indsats/sqlite3 = {mi/ms:.2f} (goal <= 2)")
PY

# The large case: about a million rows (30 indicators × 99 areas × 340 months),
# read a piece at a time. Each tool once, with its peak memory beside the
# file's size; the goals are the issue's: ≤ 1.0× the time, ≤ 2× the memory.
/usr/bin/python3 - "$work/large.csv" <<'PY'
import sys, math
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("indicator,area,period,value\n")
    for i in range(30):
        for a in range(99):
            area = "Hele landet" if a == 0 else f"Kommune {a:02d}"
            for m in range(340):
                v = round(10 + 5 * math.sin(i + a / 7 + m / 6), 1)
                f.write(f"Indikator {i + 1},{area},{1990 + m // 12}M{m % 12 + 1:02d},{v}\n")
PY
sed "s|$work/long.csv|$work/large.csv|" "$work/peer.sql" >"$work/peer-large.sql"
rm -f "$work"/i.db* "$work"/s.db*
/usr/bin/time -f "%e %U %S %M" -o "$work/large-indsats" "$indsats" import "$work/large.csv" --database "$work/i.db" >/dev/null 2>&1
/usr/bin/time -f "%e %U %S %M" -o "$work/large-sqlite" sqlite3 "$work/s.db" -init "$work/peer-large.sql" .quit >/dev/null 2>&1
echo "stored: indsats $(sqlite3 "$work/i.db" 'SELECT count(*) FROM observation'), sqlite3 $(sqlite3 "$work/s.db" 'SELECT count(*) FROM observation')"
/usr/bin/python3 - "$work/large.csv" "$work/large-indsats" "$work/large-sqlite" <<'PY'
import os, sys
size = os.path.getsize(sys.argv[1]) / 2**20
rows = sum(1 for _ in open(sys.argv[1], encoding="utf-8")) - 1
(ti, ui, si, mi), (ts, us, ss, ms) = ([float(x) for x in open(p).read().split()[-4:]] for p in sys.argv[2:4])
print(f"import of {rows:,} rows ({size:.0f} MB file): indsats {ti:.1f} s, peak {mi/1024:.0f} MB; "
      f"sqlite3 .import {ts:.1f} s, peak {ms/1024:.0f} MB")
print(f"  time indsats/sqlite3 = {ti/ts:.2f} (goal <= 1.0), processor time {ui + si:.1f} s / {us + ss:.1f} s = "
      f"{(ui + si)/(us + ss):.2f} (goal <= 1.0), memory indsats/sqlite3 = {mi/ms:.2f} (goal <= 2), "
      f"indsats peak / file size = {mi/1024/size:.2f}")
PY
