#!/bin/bash
# Benchmark: a figure costs what its own data costs, whatever else the
# database holds. The database analysts have: the demo plan with 85 actions,
# 30 indicators × 99 areas × 72 months (213,840 values) and 46 figures (the
# demo's 16 and 30 of 3 areas × 72 months). In the same run, beside the peers:
#   one figure, PNG 1000×600          gnuplot pngcairo, the same figure
#   all 46 figures                    gnuplot's batch of 30, per figure
#   the committee workbook            Python XlsxWriter with pre-drawn pictures, per figure sheet
#   growth                            400 figures against 50, render all and workbook
#   series list on 2 million values   peak memory
#   the window's first frame          the aim of 300 ms, by turns with an empty libadwaita window
# Each first checks what it times: the figure's pixels, the files written,
# the workbook's cells, what the window's frame shows and reads. Prints the
# ratios and peak memory against the goals.
#
#   bash tests/bench/bench-scale.sh [BUILD_DIR]     (starts a virtual X display when there is none)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
# the window needs a display, and a session bus as a person's desktop has
if [ -z "${DISPLAY:-}" ] && [ -z "${BENCH_SCALE_XVFB:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "missing: xvfb-run (see tools/packages.txt)"; exit 1; }
  BENCH_SCALE_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- bash "$0" "$@"
fi
indsats="$build/src/indsats"
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in hyperfine gnuplot sqlite3 "$py" /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (see tools/packages.txt)"; exit 1; }
done
"$py" -c "import xlsxwriter" || { echo "missing: python3-xlsxwriter"; exit 1; }
ninja -C "$build" src/indsats src/indsats-window tests/bench/make-bench-db tests/bench/blank-window >/dev/null
fail() { echo "bench-scale: $*" >&2; exit 1; }
. "$top/tests/bench/first-frame.sh"
peak() { # peak KB of a command, run once
  /usr/bin/time -f %M -o "$work/peak" "$@" >/dev/null; cat "$work/peak"
}

mkdir -p "$work/data"
"$build/tests/bench/make-bench-db" "$work/large.db" --large 30 "$work/data"
# the growth: 50 and 400 figures of one shape, without the demo's own
"$build/tests/bench/make-bench-db" "$work/g50.db" --large 50
"$build/tests/bench/make-bench-db" "$work/g400.db" --large 400
for db in g50 g400; do
  sqlite3 "$work/$db.db" "PRAGMA foreign_keys = ON; DELETE FROM figure WHERE number < 100"
done
for db in large g50 g400; do
  read -r values figures actions < <(sqlite3 -separator ' ' "$work/$db.db" \
    "SELECT (SELECT count(*) FROM observation WHERE source = 'benchmark'), (SELECT count(*) FROM figure), (SELECT count(*) FROM action)")
  [ "$values" -eq 213840 ] && [ "$actions" -eq 85 ] || fail "$db.db holds $values values and $actions actions"
  case $db in large) want=46 ;; g50) want=50 ;; g400) want=400 ;; esac
  [ "$figures" -eq "$want" ] || fail "$db.db holds $figures figures, not $want"
done

# The window's first frame on the large database: the follow-up, the page a
# plan with triggers opens on. Every run first checks what the frame shows:
# each trigger with its figure, those in sight drawn and none out of sight,
# and that the window read the triggers' own series and no other values.
# Timed by turns with the demo database and with an empty libadwaita window
# (blank-window), so that all three meet the same load.
"$indsats" demo --database "$work/demo.db" >/dev/null
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" NO_AT_BRIDGE=1
# the cairo renderer stands in for a graphics card under the virtual display
export GSK_RENDERER=${GSK_RENDERER:-cairo}
window_load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# what the follow-up of DB must show and read: "TRIGGERS FIGURES VALUES";
# each trigger's series is read for its status and its figure's for the figure
follow_up_wants() { # DB
  sqlite3 -separator ' ' "$1" "
    WITH t AS (
      SELECT t.indicator_id,
             (SELECT f.id FROM figure f JOIN figure_series s ON s.figure_id = f.id
               WHERE s.indicator_id = t.indicator_id ORDER BY f.number, s.position LIMIT 1) AS figure_id,
             (SELECT s.area FROM figure f JOIN figure_series s ON s.figure_id = f.id
               WHERE s.indicator_id = t.indicator_id ORDER BY f.number, s.position LIMIT 1) AS area
      FROM plan_trigger t WHERE t.plan_id = (SELECT min(id) FROM plan))
    SELECT (SELECT count(*) FROM t), (SELECT count(figure_id) FROM t),
      (SELECT count(*) FROM t JOIN observation o ON o.indicator_id = t.indicator_id AND o.area = t.area)
      + (SELECT count(*) FROM t JOIN figure_series s ON s.figure_id = t.figure_id
           JOIN observation o ON o.indicator_id = s.indicator_id AND o.area = s.area)"
}
window_frame() { # DB: checks the frame, prints "WALL CPU"
  local out triggers figures in_sight drawn astray read want_t want_f want_v
  out=$(INDSATS_TIME_FIRST_FRAME=1 "$indsats" --database "$1" 2>/dev/null) || fail "the window on $1 did not start"
  sed -n 's/^step: \([^:]*\): [0-9]* ms from exec, \([0-9]*\) ms processor time$/\1|\2/p' <<<"$out" >>"$work/steps.$(basename "$1" .db)"
  # "on screen: the follow-up of 2 triggers; figures: 2, in sight: 1, drawn in sight: 1, drawn out of sight: 0; key figures read: 52 values"
  read -r triggers figures in_sight drawn astray read < <(sed -n 's/^on screen: the follow-up of \([0-9]*\) triggers; figures: \([0-9]*\), in sight: \([0-9]*\), drawn in sight: \([0-9]*\), drawn out of sight: \([0-9]*\); key figures read: \([0-9]*\) values$/\1 \2 \3 \4 \5 \6/p' <<<"$out") || true
  [ -n "${triggers:-}" ] || fail "the first frame on $1 does not show the follow-up: $(grep '^on screen' <<<"$out")"
  read -r want_t want_f want_v < <(follow_up_wants "$1") || true
  [ "$triggers" -eq "$want_t" ] && [ "$figures" -eq "$want_f" ] ||
    fail "the first frame on $1 shows $triggers triggers and $figures figures, not $want_t and $want_f"
  [ "$in_sight" -ge 1 ] && [ "$drawn" -eq "$in_sight" ] ||
    fail "the first frame on $1 drew $drawn of the $in_sight figures in sight"
  [ "$astray" -eq 0 ] || fail "the first frame on $1 drew $astray figures out of sight"
  [ "$read" -eq "$want_v" ] || fail "the window on $1 read $read key-figure values by its first frame, not the $want_v of the triggers' series"
  times_of "$out" || fail "the window on $1 did not say when its first frame was drawn"
}
# the first of each loads what the runs after find in the page cache
window_frame "$work/large.db" >/dev/null
window_frame "$work/demo.db" >/dev/null
blank_frame >/dev/null
: >"$work/steps.large"
: >"$work/steps.demo"
large_runs= demo_runs= blank_runs=
for i in 1 2 3 4 5 6 7; do
  large_runs+="$(window_frame "$work/large.db")"$'\n'
  demo_runs+="$(window_frame "$work/demo.db")"$'\n'
  blank_runs+="$(blank_frame)"$'\n'
done
window_summary() { # NAME RUNS
  echo "$1, exec to first frame, ms: $(cut -d' ' -f1 <<<"${2%$'\n'}" | sort -n | tr '\n' ' ');" \
       "processor time, ms: $(cut -d' ' -f2 <<<"${2%$'\n'}" | sort -n | tr '\n' ' ')"
}
{
  window_summary "window on the large database (the follow-up, checked in every run)" "$large_runs"
  window_summary "  on the demo database, by turns with it" "$demo_runs"
  window_summary "  an empty libadwaita window, by turns with it" "$blank_runs"
  echo "  steps to the first frame on the large database (processor time by the end of each, median of 7 runs):"
  step_medians 36 "$work/steps.large"
} >"$work/window.txt"
wall=$(nth 4 1 <<<"${large_runs%$'\n'}") cpu=$(nth 4 2 <<<"${large_runs%$'\n'}")
demo_wall=$(nth 4 1 <<<"${demo_runs%$'\n'}") demo_cpu=$(nth 4 2 <<<"${demo_runs%$'\n'}")
blank_wall=$(nth 4 1 <<<"${blank_runs%$'\n'}") blank_cpu=$(nth 4 2 <<<"${blank_runs%$'\n'}")
met() { awk -v m="$1" 'BEGIN { print (m <= 300 ? "met" : "NOT met") }'; }
window_verdict="first frame of the window on the large database (the follow-up; 213,840 values, 46 figures, 85 actions), against the aim of 300 ms: processor time $cpu ms median ($(met "$cpu")); wall clock $wall ms median ($(met "$wall")); on the demo database in the same run $demo_cpu ms processor time, $demo_wall ms wall clock; an empty libadwaita window $blank_cpu ms processor time, $blank_wall ms wall clock, so Indsats' own part is $((cpu - blank_cpu)) ms processor time, $((wall - blank_wall)) ms wall clock; load average $window_load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"

# gnuplot: the same figure, heading, legend, grid, units
gnuplot_figure() { # N OUT
  cat <<GP
set output '$2'
set title "Figur $((99 + $1)). Benchmark $1: andel af befolkningen" font ",13"
set xdata time
set timefmt "%YM%m"
set format x "%b %Y"
set ylabel "Pct."
set grid ytics
set key below horizontal
set decimalsign ','
plot '$work/data/figur-$1.dat' using 1:2 with linespoints lw 2 pt 7 ps 0.5 title 'Ishøj', \
     '' using 1:3 with linespoints lw 2 dt 2 pt 5 ps 0.5 title 'Brøndby', \
     '' using 1:4 with linespoints lw 2 dt 3 pt 9 ps 0.5 title 'Hele landet'
GP
}
mkdir -p "$work/gp"
{ echo "set terminal pngcairo size 1000,600 font 'DejaVu Sans,10'"; gnuplot_figure 1 "$work/gp/one.png"; } >"$work/one.gp"
{ echo "set terminal pngcairo size 1000,600 font 'DejaVu Sans,10'"
  for n in $(seq 1 30); do gnuplot_figure "$n" "$work/gp/figur-$n.png"; done; } >"$work/batch.gp"

# What is timed is right: Indsats' Figur 100 is 1000×600 with each series'
# colour drawn; all figures are written; gnuplot wrote its 30
"$indsats" figure render 100 "$work/one.png" --database "$work/large.db" --width 1000 --height 600
"$indsats" figure render all "$work/all" --database "$work/large.db" --width 1000 --height 600
gnuplot "$work/batch.gp"
"$py" - "$work/one.png" <<'PY' || fail "Figur 100 is not drawn as it should be"
import sys
import gi
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf
p = GdkPixbuf.Pixbuf.new_from_file(sys.argv[1])
assert (p.get_width(), p.get_height()) == (1000, 600), (p.get_width(), p.get_height())
data, n, stride = p.get_pixels(), p.get_n_channels(), p.get_rowstride()
def columns(rgb):
    return [x for y in range(600) for x in range(1000)
            if all(abs(data[y * stride + x * n + i] - rgb[i]) < 24 for i in range(3))]
# each series drawn across the plot, all 72 months of it (the legend's swatch is at the left)
for rgb in [(0x00, 0x72, 0xB2), (0xE6, 0x9F, 0x00), (0x00, 0x9E, 0x73)]:
    xs = columns(rgb)
    assert len(xs) > 300 and max(xs) - min(xs) > 850, (rgb, len(xs), min(xs, default=0), max(xs, default=0))
PY
[ "$(ls "$work/all" | wc -l)" -eq 46 ] || fail "render all wrote $(ls "$work/all" | wc -l) files, not 46"
[ "$(ls "$work/gp" | grep -c figur-)" -eq 30 ] || fail "gnuplot wrote no batch of 30"

hyperfine --warmup 2 --runs 30 --export-json "$work/one.json" -N \
  -n indsats "$indsats figure render 100 $work/one.png --database $work/large.db --width 1000 --height 600" \
  -n gnuplot "gnuplot $work/one.gp"
hyperfine --warmup 1 --runs 5 --export-json "$work/batch.json" -N \
  -n indsats "$indsats figure render all $work/all --database $work/large.db --width 1000 --height 600" \
  -n gnuplot "gnuplot $work/batch.gp"

# The workbook, and the peer's from the same database with Indsats' pictures
"$indsats" figure render all "$work/png" --database "$work/large.db" --width 900 --height 540
"$indsats" export xlsx "$work/indsats.xlsx" --database "$work/large.db"
"$py" "$top/tests/bench/peer-xlsxwriter.py" "$work/large.db" "$work/peer.xlsx" "$work/png"
"$py" - "$work/indsats.xlsx" "$work/data/figur-1.dat" <<'PY' || fail "the workbook does not hold what it should"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"', book)
assert len(names) == 3 + 46, len(names)
rels = {}
for rel in re.findall(r"<Relationship [^>]*>", z.read("xl/_rels/workbook.xml.rels").decode()):
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', rel))
    rels[attrs["Id"]] = attrs["Target"]
target = [rels[r] for n, r in names if n.endswith(" 100")]
assert target, names
sheet = z.read("xl/" + target[0]).decode()
want = [float(v) / 100 for line in open(sys.argv[2]) for v in line.split()[1:]]
got = [float(v) for v in re.findall(r'<c r="[B-D]\d+"(?: s="\d+")?><v>([^<]*)</v>', sheet)]
assert len(got) == 216 and all(abs(a - b) < 1e-9 for a, b in zip(got, want)), (len(got), got[:3], want[:3])
PY
hyperfine --warmup 1 --runs 9 --export-json "$work/book.json" -N \
  -n indsats "$indsats export xlsx $work/indsats.xlsx --database $work/large.db" \
  -n xlsxwriter "$py $top/tests/bench/peer-xlsxwriter.py $work/large.db $work/peer.xlsx $work/png"

# Growth in the number of figures: 50 and 400 by turns, a round at a time,
# so that a machine whose speed drifts during the minute this takes weighs on
# both alike; the first round only warms up. The ratio is the median of the
# rounds' own ratios.
for round in 0 1 2 3 4 5 6; do
  hyperfine --runs 1 --export-json "$work/growth-$round.json" -N \
    -n "render 50" "$indsats figure render all $work/g50-out --database $work/g50.db" \
    -n "render 400" "$indsats figure render all $work/g400-out --database $work/g400.db" \
    -n "export 50" "$indsats export xlsx $work/g50.xlsx --database $work/g50.db" \
    -n "export 400" "$indsats export xlsx $work/g400.xlsx --database $work/g400.db" >/dev/null
done
[ "$(ls "$work/g400-out" | wc -l)" -eq 400 ] || fail "render all of 400 figures wrote $(ls "$work/g400-out" | wc -l) files"
"$py" -c 'import re, sys, zipfile; sys.exit(sum(bool(re.fullmatch(r"xl/media/image\d+\.png", n)) for n in zipfile.ZipFile(sys.argv[1]).namelist()) != 400)' "$work/g400.xlsx" ||
  fail "the workbook of 400 figures does not hold 400 pictures"
# and within one run of 400: the files are written in order, so their times
# say what the first 50 and the last 50 figures cost
for n in 100 149 450 499; do stat -c %.6Y "$work/g400-out/figur-$n.png"; done >"$work/g400-times"

# Peak memory: the jobs above, and series list over 2 million values (the
# large database's values ten times, under other area names)
cp "$work/large.db" "$work/2m.db"
sqlite3 "$work/2m.db" "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 9)
  INSERT INTO observation (indicator_id, area, period, period_key, value, preliminary, source, updated_at)
  SELECT indicator_id, area || ' ' || k, period, period_key, value, preliminary, source, updated_at
  FROM observation, n WHERE source = 'benchmark'"
rows=$("$indsats" series list --database "$work/2m.db" | wc -l)
[ "$rows" -gt 2000000 ] || fail "series list wrote $rows lines"
peak_one=$(peak "$indsats" figure render 100 "$work/one.png" --database "$work/large.db")
peak_all=$(peak "$indsats" figure render all "$work/all" --database "$work/large.db")
peak_book=$(peak "$indsats" export xlsx "$work/indsats.xlsx" --database "$work/large.db")
peak_tsv=$(peak "$indsats" series list --database "$work/2m.db")
peak_json=$(peak "$indsats" series list --format json --database "$work/2m.db")
peak_small=$(peak "$indsats" series list --format json --database "$work/g50.db")

"$py" - "$work" "$peak_one" "$peak_all" "$peak_book" "$peak_tsv" "$peak_json" "$peak_small" "$rows" <<'PY'
import json, sys
work = sys.argv[1]
peak_one, peak_all, peak_book, peak_tsv, peak_json, peak_small = (int(x) / 1024 for x in sys.argv[2:8])
rows = int(sys.argv[8]) - 1
# wall-clock medians, and the processor time (user + system) that another
# program on a busy machine does not inflate
def med(name):
    return {x["command"]: x["median"] for x in json.load(open(f"{work}/{name}.json"))["results"]}
def cpu(name):
    return {x["command"]: x["user"] + x["system"] for x in json.load(open(f"{work}/{name}.json"))["results"]}
one, batch, book = med("one"), med("batch"), med("book")
c = {n: cpu(n) for n in ["one", "batch", "book"]}
rounds = [(med(f"growth-{r}"), cpu(f"growth-{r}")) for r in range(1, 7)]
def median(xs):
    xs = sorted(xs)
    return (xs[(len(xs) - 1) // 2] + xs[len(xs) // 2]) / 2
growth = {k: median([w[k] for w, _ in rounds]) for k in rounds[0][0]}
growth_ratio = {job: median([w[f"{job} 400"] / w[f"{job} 50"] for w, _ in rounds]) for job in ["render", "export"]}
cpu_ratio = {
    "one": c["one"]["indsats"] / c["one"]["gnuplot"],
    "batch": (c["batch"]["indsats"] / 46) / (c["batch"]["gnuplot"] / 30),
    "book": c["book"]["indsats"] / c["book"]["xlsxwriter"],
    "render": median([u["render 400"] / u["render 50"] for _, u in rounds]),
    "export": median([u["export 400"] / u["export 50"] for _, u in rounds]),
}
current = []
def line(job, a, b, ratio, goal, ok):
    key = current[-1]
    print(f"{job:<40} {a:>10} {b:>28} {ratio:>8.2f}× (processor time {cpu_ratio[key]:.2f}×)  goal {goal:<8} "
          f"{'met' if ok else 'NOT MET'}")
print(f"{'job':<40} {'Indsats':>10} {'peer':>28} {'ratio':>9}  goal")
current.append("one")
r = one["indsats"] / one["gnuplot"]
line("one figure, PNG 1000×600", f"{one['indsats']*1000:.0f} ms", f"gnuplot {one['gnuplot']*1000:.0f} ms", r, "≤ 0.75×", r <= 0.75)
current.append("batch")
r = (batch["indsats"] / 46) / (batch["gnuplot"] / 30)
line("all 46 figures, per figure", f"{batch['indsats']:.2f} s", f"gnuplot's 30 {batch['gnuplot']:.2f} s", r, "≤ 0.5×", r <= 0.5)
current.append("book")
r = book["indsats"] / book["xlsxwriter"]
line("the workbook, per figure sheet (46 each)", f"{book['indsats']:.2f} s", f"XlsxWriter {book['xlsxwriter']:.2f} s", r, "≤ 0.5×", r <= 0.5)
for job in ["render", "export"]:
    current.append(job)
    r = growth_ratio[job]
    line(f"growth: {job}, 400 figures against 50", f"{growth[f'{job} 400']:.2f} s", f"50 figures {growth[f'{job} 50']:.2f} s", r, "≤ 8×", r <= 8)
print("  the rounds' ratios, render: " + " ".join(f"{w['render 400'] / w['render 50']:.2f}" for w, _ in rounds)
      + "; export: " + " ".join(f"{w['export 400'] / w['export 50']:.2f}" for w, _ in rounds))
t = [float(x) for x in open(f"{work}/g400-times")]
print(f"  within one run of render all on 400 figures: the first 50 took {(t[1] - t[0]) / 49 * 1000:.2f} ms a figure, "
      f"the last 50 {(t[3] - t[2]) / 49 * 1000:.2f} ms")
print(f"peak memory: one figure {peak_one:.0f} MB, all 46 {peak_all:.0f} MB, workbook {peak_book:.0f} MB")
print(f"peak memory of series list over {rows:,} values: tsv {peak_tsv:.0f} MB, json {peak_json:.0f} MB "
      f"(over 213,840 values: json {peak_small:.0f} MB)")
PY
cat "$work/window.txt"
echo "$window_verdict"
