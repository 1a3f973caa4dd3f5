# step-medians.awk: the steps to a window's first frame, from several runs.
# Reads lines "STEP|PROCESSOR MS" (INDSATS_TIME_FIRST_FRAME's steps, every
# run's in turn) and prints each step's median, in the order the steps came,
# with what it added to the step before. -v width=N sets the names' column.
BEGIN { FS = "|"; if (width == "") width = 32 }
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
}
