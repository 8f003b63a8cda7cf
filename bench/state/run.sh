#!/usr/bin/env bash
# Time to publish the global state (private and public monitor.global.json, the RSS feed, the
# success/error series and the _document_list files) from N promises' status files, and, as the
# baseline in the same run and JVM, the time only to list and parse those N files with Jackson.
# Prints the median of ROUNDS publishes after WARMUP discarded ones.
#
# usage: bench/state/run.sh [N ...]        (default: 1000; ROUNDS=20 WARMUP=10 by default)
# needs: the tree built and its test classes compiled (mvn -B -q -o package -DskipTests); the modules'
# own classes come first on the class path, so nothing needs installing
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
rounds=${ROUNDS:-20}
warmup=${WARMUP:-10}
module="$root/monitor-runtime"
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
(cd "$root" && mvn -B -q -o -Dstyle.color=never -pl monitor-runtime dependency:build-classpath -Dmdep.outputFile="$cpfile") \
  2> >(grep -v '^SLF4J' >&2) >/dev/null
cp="$module/target/test-classes:$module/target/classes:$root/monitor-templates/target/classes"
cp="$cp:$root/monitor-config/target/classes:$(cat "$cpfile")"
[ -f "$module/target/test-classes/slapmon/runtime/state/StateBenchmark.class" ] \
  || { echo "bench: compile the tests first (mvn -o -pl monitor-runtime -am test-compile)" >&2; exit 1; }

printf '| N status files | baseline: list + parse with Jackson, ms | publish, ms | ratio | same work without the 7 atomic writes, ms | feed KiB |\n'
printf '|---|---|---|---|---|---|\n'
for n in ${@:-1000}; do
  dir=$(mktemp -d /tmp/slapmon-state-bench.XXXXXX)
  read -r count base pub mem feed < <(java -XX:+UseSerialGC -cp "$cp" slapmon.runtime.state.StateBenchmark "$n" "$rounds" "$warmup" "$dir" 2> >(grep -v "^SLF4J" >&2))
  ratio=$(awk -v a="$pub" -v b="$base" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
  printf '| %s | %s | %s | %s× | %s | %d |\n' "$count" "$base" "$pub" "$ratio" "$mem" $((feed / 1024))
  bench_row state "publish the global state of $count status files" "$pub" \
    "list + parse them with Jackson" "$base" ms lower
  rm -rf "$dir"
done
