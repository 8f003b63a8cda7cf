#!/usr/bin/env bash
# Every bench, side by side with its peer, in one run: prints ONE table of ratios (>= 1.0: slapmon
# at least as good as the peer), each row with the machine's 1-minute load right after it was
# measured (a busy machine: read the ratios, not the absolute figures; repeat).
#
# usage: bench/run.sh [AREA ...]     AREA: start http tls promises plugins state (default: all)
#   QUICK=1          a few minutes in all: short runs, fewer repeats
#   DURATION, WARMUP, REPEAT, IDLE, ...   passed through to the benches (see each bench's header)
#   ROWS=FILE        also keep the raw rows (tab-separated, bench/lib.sh) in FILE
# Builds nothing: it needs monitor-runtime/target/slapmon.jar (and, for state, the test classes):
#   mvn -B -q -o package -DskipTests && mvn -B -q -o -pl monitor-runtime -am test-compile
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${SLAPMON_JAR:-$root/monitor-runtime/target/slapmon.jar}
[ -f "$jar" ] || { echo "bench: no $jar; build it with: cd $root && mvn -B -q -o package -DskipTests" >&2; exit 1; }

areas=("$@")
[ ${#areas[@]} -gt 0 ] || areas=(start http tls promises plugins state)
if [ "${QUICK:-0}" = 1 ]; then
  export DURATION=${DURATION:-3} WARMUP=${WARMUP:-1} REPEAT=${REPEAT:-2} IDLE=${IDLE:-5} \
    ROUNDS=${ROUNDS:-5}
fi
rows=${ROWS:-$(mktemp /tmp/slapmon-bench-rows.XXXXXX)}
: >"$rows"
export BENCH_ROWS=$rows
failed=()
for area in "${areas[@]}"; do
  script=$root/bench/$area/run.sh
  if [ ! -x "$script" ]; then
    echo "bench: no $script" >&2
    failed+=("$area")
    continue
  fi
  echo "== bench/$area/run.sh (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  # Each bench's own table goes to stderr: the ratio table is this script's output.
  "$script" >&2 || failed+=("$area")
done

echo
printf '| area | workload | slapmon | peer | ratio (>= 1: slapmon as good) | load1 |\n'
printf '|---|---|---|---|---|---|\n'
# Rows: area workload ours peer theirs unit ratio better load1 (bench/lib.sh); a row of any other
# shape is printed as it is, so that nothing a bench adds is lost.
awk -F'\t' '
  NF == 9 { printf "| %s | %s | %s %s | %s %s %s | %s× | %s |\n", $1, $2, $3, $6, $4, $5, $6, $7, $9; next }
  NF > 0  { printf "| ? | %s | | | | |\n", $0 }
' "$rows"
[ -n "${ROWS:-}" ] || rm -f "$rows"
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed or missing: ${failed[*]} (their output is above)" >&2
  exit 1
fi
