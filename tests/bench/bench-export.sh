#!/bin/bash
# Benchmark: the committee's workbook for the demo plan plus 30 figures of
# 3 series × 72 months, written by Indsats and, in the same run, by Python's
# XlsxWriter writing the same sheets, table and charts from the same
# database (and inserting pictures Indsats drew beforehand: it draws none
# itself). Whole processes. Prints the ratio.
#
#   bash tests/bench/bench-export.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
indsats="$build/src/indsats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "missing: hyperfine"; exit 1; }
/usr/bin/python3 -c "import xlsxwriter" || { echo "missing: python3-xlsxwriter"; exit 1; }
ninja -C "$build" src/indsats tests/bench/make-bench-db >/dev/null

"$build/tests/bench/make-bench-db" "$work/bench.db" 30 --demo
"$indsats" figure render all "$work/png" --database "$work/bench.db" --width 900 --height 540


hyperfine --warmup 1 --runs 7 --export-json "$work/export.json" -N \
  -n indsats "$indsats export xlsx $work/indsats.xlsx --database $work/bench.db" \
  -n xlsxwriter "/usr/bin/python3 $top/tests/bench/peer-xlsxwriter.py $work/bench.db $work/peer.xlsx $work/png"

/usr/bin/python3 - "$work/export.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"workbook with 46 figure sheets: indsats {r['indsats']*1000:.0f} ms, XlsxWriter {r['xlsxwriter']*1000:.0f} ms; "
      f"indsats/XlsxWriter = {r['indsats']/r['xlsxwriter']:.2f}")
PY
