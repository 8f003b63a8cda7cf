#!/usr/bin/env bash
# Soak: `slapmon run` at a 1-second period with N promises (10 % failing, 10 % slow) for DURATION
# seconds, niced. Every SAMPLE seconds: resident memory, heap after a full GC, threads, open
# descriptors, CPU time, the age of the oldest status file and the history size, one line of
# samples.tsv, and the JVM's native memory by category (NativeMemoryTracking, committed KiB) as
# lines of nmt.tsv, to tell which part of the process grows when the resident memory does.
# Exits 1 if slapmon died, or if reliability/soak-report.sh finds a promise stopped
# running or heap after GC, threads or descriptors trending upwards; writes OUT/chart.svg.
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
# NativeMemoryTracking=summary on top: a few per cent of CPU, no change to what is allocated.
nice -n 10 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmn6m -Xmx256m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+ExitOnOutOfMemoryError -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000 -XX:NativeMemoryTracking=summary \
  -jar "$jar" \
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

native_memory() { # one line per category: elapsed, category, committed KiB; "Total" first
  jcmd "$pid" VM.native_memory summary 2>/dev/null | awk -v t="$1" '
    /^Total: / { match($0, /committed=[0-9]+/); printf "%d\tTotal\t%s\n", t, substr($0, RSTART + 10, RLENGTH - 10) }
    /^-[ ]+[A-Za-z].*\(reserved=/ {
      name = $0; sub(/^-[ ]+/, "", name); sub(/[ ]*\(reserved=.*/, "", name); gsub(/ /, "_", name)
      match($0, /committed=[0-9]+/); printf "%d\t%s\t%s\n", t, name, substr($0, RSTART + 10, RLENGTH - 10) }'
  # Committed is not resident: the heap is committed whole at start and its pages become resident
  # as they are first touched. The resident part of the heap's address range (GC.heap_info):
  local range
  range=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -o '\[0x[0-9a-f]*, 0x[0-9a-f]*, 0x[0-9a-f]*)' |
    tr -d '[),' | awk 'NR == 1 {lo = $1} {hi = $3} END {print lo, hi}')
  [ -n "$range" ] || return 0
  # awk, not a shell loop: reading /proc/PID/smaps a byte at a time takes minutes.
  awk -v t="$1" -v range="$range" '
    function hex(s,   i, n) { sub(/^0x/, "", s); n = 0
      for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
      return n }
    BEGIN { split(range, r, " "); lo = hex(r[1]); hi = hex(r[2]) }
    /^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); inside = hex(a[1]) >= lo && hex(a[2]) <= hi }
    /^Rss:/ && inside { rss += $2 }
    END { printf "%d\tJava_Heap_resident\t%d\n", t, rss }' "/proc/$pid/smaps"
}

tick=$(getconf CLK_TCK)
printf 'elapsed_s\tcategory\tcommitted_kib\n' >"$out/nmt.tsv"
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
  native_memory $((now - start)) >>"$out/nmt.tsv" || true
  skipped=$(grep -c 'event=skipped' "$out/stderr" || true)
  printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $((now - start)) "$rss" "$heap" "$threads" "$fds" \
    "$cpu" "$statuses" "$age" "$history" "$skipped" >>"$out/samples.tsv"
  [ $((now - start)) -ge "$duration" ] && break
  sleep "$sample"
done

set -e -o pipefail
# Verdict, table and chart.
"$here/soak-report.sh" "$out/samples.tsv" "$out/chart.svg" "$n"
