#!/bin/bash
# Benchmark: one line figure of 3 series over 72 months at 1000×600 PNG, and a
# batch of 30 such figures in one process, drawn by Indsats, by gnuplot (the
# pngcairo terminal) and by matplotlib, as whole processes. Prints the ratios.
#
#   bash tests/bench/bench-figures.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
indsats="$build/src/indsats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in hyperfine gnuplot /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (see tools/packages.txt)"; exit 1; }
done
ninja -C "$build" src/indsats tests/bench/make-bench-db >/dev/null

mkdir -p "$work/data" "$work/out-indsats" "$work/out-gnuplot" "$work/out-mpl"
"$build/tests/bench/make-bench-db" "$work/one.db" 1 "$work/data"
"$build/tests/bench/make-bench-db" "$work/batch.db" 30 "$work/data"

# gnuplot: the same figure, heading, legend, grid, units
gnuplot_figure() { # N OUT
  cat <<GP
set output '$2'
set title "Figur $1. Benchmark $1: andel af befolkningen" font ",13"
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
{ echo "set terminal pngcairo size 1000,600 font 'DejaVu Sans,10'"; gnuplot_figure 1 "$work/out-gnuplot/figur-1.png"; } >"$work/one.gp"
{ echo "set terminal pngcairo size 1000,600 font 'DejaVu Sans,10'"
  for n in $(seq 1 30); do gnuplot_figure "$n" "$work/out-gnuplot/figur-$n.png"; done; } >"$work/batch.gp"

cat >"$work/figures.py" <<'PY'
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from datetime import date

data_dir, out_dir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for n in range(1, count + 1):
    periods, cols = [], [[], [], []]
    for line in open(f"{data_dir}/figur-{n}.dat"):
        p, *vals = line.split()
        periods.append(date(int(p[:4]), int(p[5:]), 1))
        for c, v in zip(cols, vals):
            c.append(float(v))
    fig, ax = plt.subplots(figsize=(10, 6), dpi=100)
    for c, label, style, marker in zip(cols, ["Ishøj", "Brøndby", "Hele landet"], ["-", "--", ":"], ["o", "s", "^"]):
        ax.plot(periods, c, style, marker=marker, markersize=3, linewidth=2, label=label)
    ax.set_title(f"Figur {n}. Benchmark {n}: andel af befolkningen", loc="left", fontweight="bold")
    ax.set_ylabel("Pct.")
    ax.grid(axis="y")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False)
    fig.text(0.01, 0.01, "Kilde: Jobindsats.dk", fontsize=9)
    fig.savefig(f"{out_dir}/figur-{n}.png")
    plt.close(fig)
PY

hyperfine --warmup 2 --runs 15 --export-json "$work/one.json" -N \
  -n indsats "$indsats figure render 100 $work/out-indsats/figur-1.png --database $work/one.db --width 1000 --height 600" \
  -n gnuplot "gnuplot $work/one.gp" \
  -n matplotlib "/usr/bin/python3 $work/figures.py $work/data $work/out-mpl 1"
hyperfine --warmup 1 --runs 5 --export-json "$work/batch.json" -N \
  -n indsats "$indsats figure render all $work/out-indsats --database $work/batch.db --width 1000 --height 600" \
  -n gnuplot "gnuplot $work/batch.gp" \
  -n matplotlib "/usr/bin/python3 $work/figures.py $work/data $work/out-mpl 30"

/usr/bin/python3 - "$work/one.json" "$work/batch.json" <<'PY'
import json, sys
for label, path in zip(["one figure", "30 figures"], sys.argv[1:]):
    r = {x["command"]: x["median"] for x in json.load(open(path))["results"]}
    print(f"{label}: indsats {r['indsats']*1000:.1f} ms, gnuplot {r['gnuplot']*1000:.1f} ms, "
          f"matplotlib {r['matplotlib']*1000:.1f} ms; "
          f"indsats/gnuplot = {r['indsats']/r['gnuplot']:.2f}, indsats/matplotlib = {r['indsats']/r['matplotlib']:.2f}")
PY
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP"
  cp "$work/out-indsats/figur-1.png" "$KEEP/indsats.png"
  cp "$work/out-gnuplot/figur-1.png" "$KEEP/gnuplot.png"
  cp "$work/out-mpl/figur-1.png" "$KEEP/matplotlib.png"
fi
