# first-frame.sh: what the benchmarks that time a window's first frame share.
# Sourced; the caller sets $build and defines fail MESSAGE.

# The times of one run from its output (INDSATS_TIME_FIRST_FRAME or
# blank-window): "WALL CPU", from exec to the first frame, and the processor
# time (user + system) the process used by then
times_of() { # OUTPUT
  local wall user sys
  wall=$(sed -n 's/^from exec: \([0-9.]*\) ms$/\1/p' <<<"$1")
  read -r user sys < <(sed -n 's/^processor time: \([0-9.]*\) ms user, \([0-9.]*\) ms system$/\1 \2/p' <<<"$1")
  [ -n "$wall" ] && [ -n "${user:-}" ] || return 1
  awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f %.0f\n", w, u + s }'
}

# One run of the empty libadwaita window, the yardstick: "WALL CPU"
blank_frame() {
  local out
  out=$("$build/tests/bench/blank-window" 2>/dev/null) || fail "the empty window did not start"
  times_of "$out" || fail "the empty window did not say when it was drawn: $out"
}

# The n-th of the sorted numbers in column K of stdin
nth() { sort -n -k"$2" | awk -v n="$1" -v k="$2" 'NR == n { print $k }'; }

# The steps to the first frame, from several runs: reads lines
# "STEP|PROCESSOR MS" (every run's in turn) and prints each step's median,
# in the order the steps came, with what it added to the step before
step_medians() { # WIDTH FILE
  awk -F'|' -v width="$1" '
    !($1 in seen) { seen[$1] = 1; order[++n] = $1 }
    { v[$1] = v[$1] " " $2 }
    END {
      prev = 0
      for (i = 1; i <= n; i++) {
        k = split(v[order[i]], a, " ")
        # a small sort: a handful of runs
        for (x = 1; x <= k; x++)
          for (y = x + 1; y <= k; y++)
            if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
        m = a[int((k + 1) / 2)]
        printf "    %-" width "s %5d ms  (+%d)\n", order[i], m, m - prev
        prev = m
      }
    }' "$2"
}
