#!/usr/bin/env bash
# Turns the samples of reliability/soak.sh into a verdict, a Markdown table and an SVG chart.
#
# usage: reliability/soak-report.sh SAMPLES.tsv [CHART.svg] [PROMISES] [PERIOD]
# Exits 1 when resident memory, heap after GC or threads trend upwards (median of the last quarter
# of the samples against the second quarter), when descriptors do (their lowest value in each quarter: how many
# are open at an instant follows the runs in flight, 3 pipes each, so only the floor shows a leak),
# when fewer than PROMISES statuses exist, or when the oldest status ever gets older than 30 s (a
# promise no longer runs). With nmt.tsv next to SAMPLES.tsv (soak.sh writes it), also prints the
# native memory categories that changed between the second quarter and the end.
set -euo pipefail
samples=$1
chart=${2:-}
promises=${3:-200}

if [ -n "$chart" ]; then
  awk -F'\t' '
    NR == 1 {next}
    {n++; t[n] = $1 / 60; v[1, n] = $2 / 1024; v[2, n] = $3 / 1024; v[3, n] = $4; v[4, n] = $5
     v[5, n] = (n > 1 && $1 > prevt) ? ($6 - prevc) / (($1 - prevt) / 60) : 0; prevt = $1; prevc = $6}
    END {
      split("resident memory (MiB)|heap after full GC (MiB)|threads|open descriptors|CPU seconds per minute", title, "|")
      w = 760; h = 150; gap = 30; charts = 5
      printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n", w, charts * (h + gap) + 10
      printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      tmax = t[n] > 0 ? t[n] : 1
      for (c = 1; c <= charts; c++) {
        top = 10 + (c - 1) * (h + gap); max = 0
        for (i = 1; i <= n; i++) if (v[c, i] > max) max = v[c, i]
        max = max > 0 ? max * 1.1 : 1
        x0 = 60; x1 = w - 10; y0 = top + h; y1 = top + 15
        printf "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", x0, top + 10, title[c]
        printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, y0, x1, y0
        printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, y0, x0, y1
        printf "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text>\n", x0 - 4, y1 + 4, max
        printf "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", x0 - 4, y0
        printf "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f min</text>\n", x1, y0 + 14, tmax
        printf "<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\" points=\""
        for (i = 1; i <= n; i++) printf "%.1f,%.1f ", x0 + (x1 - x0) * t[i] / tmax, y0 - (y0 - y1) * v[c, i] / max
        printf "\"/>\n"
      }
      printf "</svg>\n"
    }' "$samples" >"$chart"
fi

echo "| minutes | RSS MiB | heap after GC MiB | threads | descriptors | CPU s/min | oldest status s | skipped runs |"
echo "|---|---|---|---|---|---|---|---|"
awk -F'\t' 'NR == 1 {next} {n++; row[n] = $0}
  END {
    step = n > 12 ? int(n / 12) : 1
    for (i = 1; i <= n; i++) if (i == 1 || i == n || i % step == 0) {
      split(row[i], f, "\t"); split(row[i > 1 ? i - 1 : i], p, "\t")
      cpu = (i > 1 && f[1] > p[1]) ? (f[6] - p[6]) / ((f[1] - p[1]) / 60) : f[6] / (f[1] / 60)
      printf "| %d | %.0f | %.1f | %d | %d | %.0f | %.1f | %d |\n", f[1] / 60, f[2] / 1024, f[3] / 1024, f[4], f[5], cpu, f[8], f[10]
    }
  }' "$samples"

awk -F'\t' -v n="$promises" '
  NR == 1 {next}
  {rows++; rss[rows] = $2; heap[rows] = $3; thr[rows] = $4; fd[rows] = $5; status[rows] = $7; age[rows] = $8}
  function floor(a, from, to,   i, m) {
    m = a[from]; for (i = from; i <= to; i++) if (a[i] < m) m = a[i]
    return m
  }
  function median(a, from, to,   i, k, v, m, tmp) {
    k = 0; for (i = from; i <= to; i++) tmp[++k] = a[i]
    for (i = 2; i <= k; i++) { v = tmp[i]; m = i - 1; while (m > 0 && tmp[m] > v) { tmp[m + 1] = tmp[m]; m-- } tmp[m + 1] = v }
    return tmp[int((k + 1) / 2)]
  }
  END {
    fail = 0
    if (rows < 2) { print "soak: FAIL fewer than 2 samples"; exit 1 }
    q = int(rows / 4); a = q + 1; b = 2 * q; c = rows - q + 1
    if (status[rows] != n) { printf "soak: FAIL %d status files, expected %d\n", status[rows], n; fail = 1 }
    for (i = 2; i <= rows; i++) if (age[i] > 30) { printf "soak: FAIL at sample %d the oldest status was %s s old\n", i, age[i]; fail = 1 }
    if (rows < 8) {
      printf "\nsoak: %d samples, too few to judge a trend (8 at least)\n", rows
      if (!fail) print "soak: PASS (alive, every promise running)"
      exit fail
    }
    r2 = median(rss, a, b); r4 = median(rss, c, rows)
    h2 = median(heap, a, b); h4 = median(heap, c, rows)
    t2 = median(thr, a, b); t4 = median(thr, c, rows)
    f2 = floor(fd, a, b); f4 = floor(fd, c, rows)
    printf "\nsoak: %d samples; resident %d -> %d KiB, heap after GC %d -> %d KiB, threads %d -> %d (medians), descriptors %d -> %d (lowest), second quarter -> last quarter\n", rows, r2, r4, h2, h4, t2, t4, f2, f4
    if (r4 > r2 * 1.10 + 16384) { print "soak: FAIL resident memory grows"; fail = 1 }
    if (h4 > h2 * 1.25 + 8192) { print "soak: FAIL heap after GC grows"; fail = 1 }
    if (t4 > t2 + 8) { print "soak: FAIL threads grow"; fail = 1 }
    if (f4 > f2 + 8) { print "soak: FAIL descriptors grow"; fail = 1 }
    if (!fail) print "soak: PASS"
    exit fail
  }' "$samples" || verdict=$?

nmt="$(dirname "$samples")/nmt.tsv"
if [ -f "$nmt" ]; then
  # From the sample a quarter into the run (the heap has grown to its working size) to the last.
  awk -F'\t' 'NR == 1 {next} {if (!($1 in seen)) {seen[$1] = 1; times[++n] = $1}; v[$1, $2] = $3; cats[$2] = 1}
    END {
      from = times[int(n / 4) + 1]; to = times[n]
      printf "\nnative memory, committed KiB, minute %d -> %d (categories that moved by 1 MiB or more):\n", from / 60, to / 60
      for (c in cats) if ((v[to, c] - v[from, c]) >= 1024 || (v[from, c] - v[to, c]) >= 1024)
        printf "  %s %d -> %d\n", c, v[from, c], v[to, c]
    }' "$nmt"
fi
exit "${verdict:-0}"

