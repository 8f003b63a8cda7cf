#!/usr/bin/env bash
# One full period of N trivial promises (#!/bin/sh, 5 % failing), run by `slapmon promise run`
# and, as the baseline in the same run, by `xargs -P<cores>` over the same scripts.
# Prints wall time, CPU time (user+sys) and peak RSS, the median of REPEAT runs each, and the ratio.
#
# usage: bench/promises/run.sh [N ...]        (default: 100 1000; REPEAT=5 by default)
# needs: GNU time (/usr/bin/time, Debian package "time"), a built jar (./slapmon --version builds it)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/monitor-runtime/target/slapmon.jar"
repeat=${REPEAT:-5}
cores=$(nproc)
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
"$root/slapmon" --version >/dev/null

make_partition() { # DIR N
  local dir=$1 n=$2 i
  mkdir -p "$dir/etc/promise" "$dir/etc/monitor-promise" "$dir/etc/monitor-report" \
    "$dir/srv/monitor/public" "$dir/srv/monitor/private"
  for i in $(seq 1 "$n"); do
    if [ $((i % 20)) -eq 0 ]; then
      printf '#!/bin/sh\necho "failed %s"\nexit 1\n' "$i" >"$dir/etc/promise/promise-$i"
    else
      printf '#!/bin/sh\necho "success %s"\n' "$i" >"$dir/etc/promise/promise-$i"
    fi
    chmod 755 "$dir/etc/promise/promise-$i"
  done
  cat >"$dir/etc/monitor.conf" <<CONF
[monitor]
title = Bench
root-title = Bench Root
base-url = https://[::1]:8196
public-folder = $dir/srv/monitor/public
private-folder = $dir/srv/monitor/private
promise-folder = $dir/etc/promise
monitor-promise-folder = $dir/etc/monitor-promise
report-folder = $dir/etc/monitor-report
webdav-folder = $dir/srv/monitor/webdav
service-pid-folder = $dir/var/run/monitor
pid-file = $dir/var/run/monitor/monitor-bootstrap.pid
promise-output-file = $dir/srv/monitor/monitor-bootstrap-status
public-path-list =
private-path-list =
monitor-url-list =
parameter-file-path = $dir/etc/monitor_knowledge0.cfg
parameter-list =
CONF
}

measure() { # prints "wall cpu rss_kib" for the command
  local out
  out=$(mktemp)
  /usr/bin/time -o "$out" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
  tail -n 1 "$out" | awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}'
  rm -f "$out"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| N | baseline xargs -P%s wall s | slapmon wall s | ratio | baseline CPU s | slapmon CPU s | slapmon peak RSS MiB |\n' "$cores"
printf '|---|---|---|---|---|---|---|\n'
for n in ${@:-100 1000}; do
  dir=$(mktemp -d /tmp/slapmon-bench.XXXXXX)
  make_partition "$dir" "$n"
  base_runs=() slap_runs=()
  for _ in $(seq 1 "$repeat"); do
    base_runs+=("$(measure sh -c "find '$dir/etc/promise' -type f -print0 | xargs -0 -n1 -P$cores sh -c '\"\$0\" >/dev/null 2>&1 || true'")")
    slap_runs+=("$(measure java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" promise run --config "$dir/etc/monitor.conf")")
  done
  bw=$(printf '%s\n' "${base_runs[@]}" | awk '{print $1}' | median)
  bc=$(printf '%s\n' "${base_runs[@]}" | awk '{print $2}' | median)
  sw=$(printf '%s\n' "${slap_runs[@]}" | awk '{print $1}' | median)
  sc=$(printf '%s\n' "${slap_runs[@]}" | awk '{print $2}' | median)
  sr=$(printf '%s\n' "${slap_runs[@]}" | awk '{print $3}' | median)
  ratio=$(awk -v a="$sw" -v b="$bw" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
  printf '| %s | %s | %s | %s× | %s | %s | %d |\n' "$n" "$bw" "$sw" "$ratio" "$bc" "$sc" $((sr / 1024))
  # Sanity: every promise got a status file.
  got=$(find "$dir/srv/monitor/public" -name '*.status.json' | wc -l)
  [ "$got" -eq "$n" ] || echo "bench: expected $n status files, found $got" >&2
  rm -rf "$dir"
done
