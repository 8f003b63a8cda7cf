#!/usr/bin/env bash
# Soak: `slapmon run` at a 1-second period with N promises (10 % failing, 10 % slow) for DURATION
# seconds, niced. Every SAMPLE seconds: resident memory, heap after a full GC, threads, open
# descriptors, CPU time, the age of the oldest status file and the history size, one line of
# samples.tsv. Exits 1 if slapmon died, a promise fell behind, or heap after GC, threads or
# descriptors trend upwards (median of the last quarter against the second quarter).
#
# usage: reliability/soak.sh            (DURATION=7200 SAMPLE=60 N=200 PERIOD=1 OUT=mktemp dir)
# quick: DURATION=120 SAMPLE=10 N=50 reliability/soak.sh
# needs: a JDK (jcmd, jstat); the jar is built by ./slapmon when missing
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/partition.sh"
duration=${DURATION:-7200}
sample=${SAMPLE:-60}
n=${N:-200}
period=${PERIOD:-1}
out=${OUT:-$(mktemp -d /tmp/slapmon-soak.XXXXXX)}
mkdir -p "$out"
"$root/slapmon" --version >/dev/null
# A copy: a rebuild during a long soak must not replace the jar under the running JVM.
jar="$out/slapmon.jar"
cp "$root/monitor-runtime/target/slapmon.jar" "$jar"
part="$out/partition"
rm -rf "$part"
make_partition "$part" "$n" 20

# The launcher's JVM flags: what an operator runs.
nice -n 10 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -jar "$jar" \
  run --config "$part/etc/monitor.conf" --period "$period" >"$out/stdout" 2>"$out/stderr" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
echo "soak: slapmon pid $pid, $n promises every $period s for $duration s; samples in $out/samples.tsv" >&2

heap_after_gc_kib() { # a full GC, then the old generation: with the serial collector, where a
  # full GC leaves everything live (young objects allocated since are not the live set)
  jcmd "$pid" GC.run >/dev/null 2>&1 || return 1
  jstat -gc "$pid" | awk 'NR==1 {for (i = 1; i <= NF; i++) col[$i] = i}
    NR==2 {printf "%d\n", $col["OU"]}'
}

tick=$(getconf CLK_TCK)
printf 'elapsed_s\trss_kib\theap_after_gc_kib\tthreads\tfds\tcpu_s\tstatus_files\toldest_status_age_s\thistory_kib\tskipped_runs\n' \
  >"$out/samples.tsv"
start=$(date +%s)
# A failed sample is a gap in the table, not the end of the soak.
set +e +o pipefail
sleep "$sample"
while :; do
  kill -0 "$pid" 2>/dev/null || { echo "soak: FAIL slapmon died; see $out/stderr" >&2; exit 1; }
  now=$(date +%s)
  heap=$(heap_after_gc_kib || echo 0)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
  fds=$( (ls "/proc/$pid/fd" 2>/dev/null || true) | wc -l)
  cpu=$(awk -v t="$tick" '{printf "%.1f", ($14 + $15) / t}' "/proc/$pid/stat")
  statuses=$( (find "$part/srv/monitor/public" -maxdepth 1 -name '*.status.json' 2>/dev/null || true) | wc -l)
  oldest=$( (find "$part/srv/monitor/public" -maxdepth 1 -name '*.status.json' -printf '%T@\n' \
    2>/dev/null || true) | sort -n | awk 'NR == 1')
  age=$(awk -v now="$(date +%s.%N)" -v t="${oldest:-0}" 'BEGIN {printf "%.1f", now - t}')
  history=$( (du -sk "$part/srv/monitor/public" 2>/dev/null || true) | awk '{print $1}')
  skipped=$(grep -c 'event=skipped' "$out/stderr" || true)
  printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $((now - start)) "$rss" "$heap" "$threads" "$fds" \
    "$cpu" "$statuses" "$age" "$history" "$skipped" >>"$out/samples.tsv"
  [ $((now - start)) -ge "$duration" ] && break
  sleep "$sample"
done

set -e -o pipefail
# Verdict. Statuses must all be there and fresh (a promise that keeps its period is at most a few
# periods plus the slow promises' 0.5 s old); the bounded measures must not trend upwards.
awk -F'\t' -v n="$n" -v period="$period" '
  NR == 1 {next}
  {rows++; heap[rows] = $3; thr[rows] = $4; fd[rows] = $5; status[rows] = $7; age[rows] = $8}
  function median(a, from, to,   i, k, v, m, tmp) {
    k = 0; for (i = from; i <= to; i++) tmp[++k] = a[i]
    for (i = 2; i <= k; i++) { v = tmp[i]; m = i - 1; while (m > 0 && tmp[m] > v) { tmp[m + 1] = tmp[m]; m-- } tmp[m + 1] = v }
    return tmp[int((k + 1) / 2)]
  }
  END {
    fail = 0
    if (rows < 4) { print "soak: FAIL fewer than 4 samples"; exit 1 }
    q = int(rows / 4); a = q + 1; b = 2 * q; c = rows - q + 1
    if (status[rows] != n) { printf "soak: FAIL %d status files, expected %d\n", status[rows], n; fail = 1 }
    for (i = 2; i <= rows; i++) if (age[i] > 5 * period + 2) { printf "soak: FAIL at sample %d the oldest status was %s s old\n", i, age[i]; fail = 1 }
    h2 = median(heap, a, b); h4 = median(heap, c, rows)
    t2 = median(thr, a, b); t4 = median(thr, c, rows)
    f2 = median(fd, a, b); f4 = median(fd, c, rows)
    printf "soak: heap after GC %d -> %d KiB, threads %d -> %d, descriptors %d -> %d (second quarter -> last quarter medians)\n", h2, h4, t2, t4, f2, f4
    if (h4 > h2 * 1.25 + 8192) { print "soak: FAIL heap after GC grows"; fail = 1 }
    if (t4 > t2 + 4) { print "soak: FAIL threads grow"; fail = 1 }
    if (f4 > f2 + 8) { print "soak: FAIL descriptors grow"; fail = 1 }
    if (!fail) print "soak: PASS"
    exit fail
  }' "$out/samples.tsv"
