#!/usr/bin/env bash
# Promise runs: slapmon against the spawn floor, N trivial promises (#!/bin/sh, 5 % failing).
#
# 1. One pass as a whole process: `slapmon promise run` (the wrapper's JVM options) against
#    `xargs -P<cores>` over the same scripts (writes nothing) and against a C posix_spawn runner
#    (bench/promises/spawn_runner.c, compiled here with gcc: <cores> at a time, output captured,
#    one JSON result file per promise). Wall time, CPU (user+sys, children included), peak RSS;
#    the median of REPEAT runs each.
# 2. The daemon: `slapmon run --period PERIOD` (the wrapper's JVM options, HTTPS on a loopback port)
#    with the same N promises, after its first pass. First one window of SUSTAIN_SECONDS left
#    alone: the runs done against the runs due and the skipped runs it logged (is the demand
#    sustained?). Then DAEMON_ROUNDS windows of DAEMON_SECONDS alternated with windows of the C
#    runner at the same demand (a pass of N every PERIOD s; the daemon is stopped meanwhile): the
#    CPU it spends per 1,000 runs (utime+stime of the JVM and of its waited-for children, from
#    /proc/PID/stat) against the C runner's CPU per 1,000, medians of the windows; and its RSS at
#    the end. A window after a stop starts with the runs the stop held back: its skips are shown,
#    not counted as the demand's.
#
# usage: bench/promises/run.sh [N ...]     (default: 1000)
#   REPEAT=5 PERIOD=5 SUSTAIN_SECONDS=60 DAEMON_SECONDS=20 DAEMON_ROUNDS=3 JAR=monitor-runtime/target/slapmon.jar by default
#   WHOLE=0 skips part 1, DAEMON=0 part 2. JVM_EXTRA="-Xmn8m ..." adds JVM options after the
#   wrapper's (to measure a proposed option); the environment goes through (MALLOC_ARENA_MAX=2).
# needs: GNU time (/usr/bin/time), gcc, openssl, a built jar (./slapmon --version builds it)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bench/lib.sh"
jar=${JAR:-$root/monitor-runtime/target/slapmon.jar}
repeat=${REPEAT:-5}
period=${PERIOD:-5}
daemon_seconds=${DAEMON_SECONDS:-20}
sustain_seconds=${SUSTAIN_SECONDS:-60}
cores=$(nproc)
for tool in /usr/bin/time gcc openssl; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install time gcc openssl)" >&2; exit 1; }
done
[ -n "${JAR:-}" ] || "$root/slapmon" --version >/dev/null
read -r -a jvm <<<"$(slapmon_jvm_options "$jar")"
[ ${#jvm[@]} -gt 0 ] || { echo "bench: no JVM options found in $jar" >&2; exit 1; }
read -r -a jvm_extra <<<"${JVM_EXTRA:-}"
jvm+=("${jvm_extra[@]}")
work=$(mktemp -d /tmp/slapmon-bench-promises.XXXXXX)
daemon_pid=
cleanup() {
  [ -z "$daemon_pid" ] || kill "$daemon_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
gcc -O2 -o "$work/spawn_runner" "$root/bench/promises/spawn_runner.c"
clk_tck=$(getconf CLK_TCK)

make_partition() { # DIR N [PORT]
  local dir=$1 n=$2 port=${3:-} i
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
base-url = https://127.0.0.1:${port:-8196}
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
  if [ -n "$port" ]; then
    mkdir -p "$dir/srv/ssl"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=slapmon-bench \
      -addext subjectAltName=IP:127.0.0.1 -keyout "$dir/srv/ssl/httpd.key" \
      -out "$dir/srv/ssl/httpd.crt" 2>/dev/null
    : >"$dir/etc/monitor-htpasswd"
    cat >>"$dir/etc/monitor.conf" <<CONF

[httpd]
listen-address = 127.0.0.1
port = $port
cert-file = $dir/srv/ssl/httpd.crt
key-file = $dir/srv/ssl/httpd.key
htpasswd-file = $dir/etc/monitor-htpasswd
CONF
  fi
}

measure() { # prints "wall cpu rss_kib" for the command; its output goes to $OUT (or nowhere)
  local out
  out=$(mktemp)
  /usr/bin/time -o "$out" -f '%e %U %S %M' "$@" >"${OUT:-/dev/null}" 2>&1 || true
  tail -n 1 "$out" | awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}'
  rm -f "$out"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
column() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | median; }

# CPU seconds of PID so far: its own and that of the children it waited for.
cpu_of() { awk -v t="$clk_tck" '{ sub(/.*\) /, ""); printf "%.2f %.2f\n", ($12+$13+$14+$15)/t, ($12+$13)/t }' "/proc/$1/stat"; }
# Runs recorded so far: one entry per run in the day's history files.
runs_of() { cat "$1"/srv/monitor/public/*.history.json 2>/dev/null | grep -o '"status"' | wc -l; }
# Skipped runs the log tells of: one line per title, or one line with count=N for many at once.
skips_of() { awk '/event=skipped/ { n += match($0, /count=[0-9]+/) ? substr($0, RSTART + 6, RLENGTH - 6) : 1 } END { print n + 0 }' "$1"; }
rss_of() { awk '/^VmRSS/ {printf "%d\n", $2 / 1024}' "/proc/$1/status"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

whole_pass() { # N
  local n=$1 dir base=() c=() slap=() one wall cwall
  dir="$work/whole-$n"
  make_partition "$dir" "$n"
  for _ in $(seq 1 "$repeat"); do
    base+=("$(measure sh -c "find '$dir/etc/promise' -type f -print0 | xargs -0 -n1 -P$cores sh -c '\"\$0\" >/dev/null 2>&1 || true'")")
    rm -rf "$dir/c-out" && mkdir "$dir/c-out"
    c+=("$(measure "$work/spawn_runner" "$dir/etc/promise" "$dir/c-out" "$cores")")
    one=$(OUT="$dir/pass.out" measure java "${jvm[@]}" -jar "$jar" promise run --config "$dir/etc/monitor.conf")
    # A pass that did not run every promise (it exits 1 when some fail, as 5 % do here) is no sample.
    if grep -q "^$n promises: " "$dir/pass.out"; then
      slap+=("$one")
    else
      echo "bench: a slapmon pass did not run $n promises, left out: $(tail -n 3 "$dir/pass.out")" >&2
    fi
  done
  [ ${#slap[@]} -gt 0 ] || { echo "bench: no slapmon pass ran every promise" >&2; return 1; }
  got=$(find "$dir/srv/monitor/public" -name '*.status.json' | wc -l)
  [ "$got" -eq "$n" ] || echo "bench: expected $n status files, found $got" >&2
  got=$(find "$dir/c-out" -name '*.status.json' | wc -l)
  [ "$got" -eq "$n" ] || echo "bench: the C runner wrote $got result files, not $n" >&2
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" \
    "$(column 1 "${base[@]}")" "$(column 1 "${c[@]}")" "$(column 1 "${slap[@]}")" \
    "$(column 2 "${base[@]}")" "$(column 2 "${c[@]}")" "$(column 2 "${slap[@]}")" \
    $(( $(column 3 "${slap[@]}") / 1024 ))
  bench_row promises "one pass of $n, whole process, wall" "$(column 1 "${slap[@]}")" \
    "xargs -P$cores" "$(column 1 "${base[@]}")" s lower
  bench_row promises "one pass of $n, whole process, CPU" "$(column 2 "${slap[@]}")" \
    "C posix_spawn runner" "$(column 2 "${c[@]}")" CPU-s lower
  rm -rf "$dir"
}

# The C runner at the daemon's demand: a pass of the N promises every PERIOD s (or back to back
# when a pass takes longer) for SECONDS; prints its CPU s per 1,000 runs.
c_runner_window() { # PROMISE_DIR OUT_DIR N SECONDS
  local dir=$1 out=$2 n=$3 seconds=$4 t0 next now passes=0 cpu=0 one
  t0=$(date +%s.%N)
  next=$t0
  while awk -v a="$(date +%s.%N)" -v b="$t0" -v s="$seconds" 'BEGIN {exit !(a - b < s)}'; do
    now=$(date +%s.%N)
    awk -v a="$now" -v b="$next" 'BEGIN {exit !(a < b)}' \
      && sleep "$(awk -v a="$now" -v b="$next" 'BEGIN {printf "%.3f", b - a}')"
    next=$(awk -v b="$next" -v p="$period" 'BEGIN {printf "%.3f", b + p}')
    rm -rf "$out" && mkdir "$out"
    one=$(measure "$work/spawn_runner" "$dir" "$out" "$cores" | awk '{print $2}')
    cpu=$(awk -v a="$cpu" -v b="$one" 'BEGIN {printf "%.3f", a + b}')
    passes=$((passes + 1))
  done
  awk -v c="$cpu" -v p="$passes" -v n="$n" 'BEGIN {printf "%.2f", c * 1000 / (p * n)}'
}

# The daemon and the C runner in alternated windows of DAEMON_SECONDS, DAEMON_ROUNDS of each: the
# daemon keeps running and is stopped (SIGSTOP) while the C runner has its window, and gets two
# periods to settle after it is continued. Each figure is the median of its windows, so both are
# measured in the same minutes, at the same demand (N every PERIOD s), the load alike.
daemon() { # N: prints one table line per round and one of medians
  local n=$1 dir port log c0 c1 own0 own1 r0 r1 t0 t1 i due done_ per1000 own1000 skips skips0
  local rss cper1000 round rounds=${DAEMON_ROUNDS:-3} d=() o=() c=() dn=() du=() sk=()
  local ran=0 sustained_skips sustained_rate
  dir="$work/daemon-$n"
  port=$(free_port)
  make_partition "$dir" "$n" "$port"
  log="$dir/slapmon.log"
  java "${jvm[@]}" -jar "$jar" run --period "$period" --config "$dir/etc/monitor.conf" >"$log" 2>&1 &
  daemon_pid=$!
  # The first pass: every promise has run once (bounded: 10 periods or 120 s).
  for i in $(seq 1 $(( (period * 10 > 120 ? period * 10 : 120) * 5 ))); do
    [ "$(find "$dir/srv/monitor/public" -name '*.status.json' | wc -l)" -ge "$n" ] && break
    kill -0 "$daemon_pid" 2>/dev/null || { echo "bench: slapmon run died:" >&2; tail "$log" >&2; return 1; }
    sleep 0.2
  done
  # Left alone: nothing held back, the demand as an operator's host gives it.
  r0=$(runs_of "$dir"); t0=$(date +%s.%N); skips0=$(skips_of "$log")
  sleep "$sustain_seconds"
  r1=$(runs_of "$dir"); t1=$(date +%s.%N)
  ran=$((ran + sustain_seconds))
  sustained_skips=$(( $(skips_of "$log") - skips0 ))
  sustained_rate=$(awk -v r="$((r1 - r0))" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", r / (b - a)}')
  printf '| %s | %s | sustained, %s s left alone: %s runs/s, %s due | | | | %s | %s | %s | %s |\n' \
    "$n" "$period" "$sustain_seconds" "$sustained_rate" \
    "$(awk -v n="$n" -v p="$period" 'BEGIN {printf "%.1f", n / p}')" "$((r1 - r0))" \
    "$(awk -v n="$n" -v a="$t0" -v b="$t1" -v p="$period" 'BEGIN {printf "%d", n * (b - a) / p}')" \
    "$sustained_skips" "$(cut -d' ' -f1 /proc/loadavg)"
  for round in $(seq 1 "$rounds"); do
    read -r c0 own0 <<<"$(cpu_of "$daemon_pid")"
    r0=$(runs_of "$dir"); t0=$(date +%s.%N)
    skips0=$(skips_of "$log")
    sleep "$daemon_seconds"
    read -r c1 own1 <<<"$(cpu_of "$daemon_pid")"
    r1=$(runs_of "$dir"); t1=$(date +%s.%N)
    ran=$((ran + daemon_seconds))
    skips=$(( $(skips_of "$log") - skips0 ))
    done_=$((r1 - r0))
    due=$(awk -v n="$n" -v a="$t0" -v b="$t1" -v p="$period" 'BEGIN {printf "%d", n * (b - a) / p}')
    per1000=$(awk -v a="$c0" -v b="$c1" -v r="$done_" 'BEGIN {printf "%.2f", (r > 0 ? (b - a) * 1000 / r : 0)}')
    own1000=$(awk -v a="$own0" -v b="$own1" -v r="$done_" 'BEGIN {printf "%.2f", (r > 0 ? (b - a) * 1000 / r : 0)}')
    if [ "$round" -eq "$rounds" ]; then
      rss=$(rss_of "$daemon_pid")
      curl -ks -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/public/" | grep -q 200 \
        || echo "bench: slapmon's HTTPS did not answer 200" >&2
    fi
    kill -STOP "$daemon_pid"
    cper1000=$(c_runner_window "$dir/etc/promise" "$dir/c-out" "$n" "$daemon_seconds")
    kill -CONT "$daemon_pid"
    printf '| %s | %s | %s (round %s) | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$period" \
      "$per1000" "$round" "$own1000" "$cper1000" \
      "$(awk -v a="$per1000" -v b="$cper1000" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" \
      "$done_" "$due" "$skips" "$(cut -d' ' -f1 /proc/loadavg)"
    d+=("$per1000"); o+=("$own1000"); c+=("$cper1000"); dn+=("$done_"); du+=("$due"); sk+=("$skips")
    [ "$round" -eq "$rounds" ] || sleep $((2 * period))
  done
  kill "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true; daemon_pid=
  per1000=$(column 1 "${d[@]}"); own1000=$(column 1 "${o[@]}"); cper1000=$(column 1 "${c[@]}")
  skips=$(printf '%s\n' "${sk[@]}" | awk '{s += $1} END {print s + 0}')
  printf '| %s | %s | **%s** (median) | %s | **%s** | %s | %s | %s | %s | RSS %s MiB |\n' "$n" \
    "$period" "$per1000" "$own1000" "$cper1000" \
    "$(awk -v a="$per1000" -v b="$cper1000" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" \
    "$(printf '%s\n' "${dn[@]}" | awk '{s += $1} END {print s}')" \
    "$(printf '%s\n' "${du[@]}" | awk '{s += $1} END {print s}')" "$skips" "$rss"
  bench_row promises "daemon CPU per 1,000 runs ($n every ${period} s, median of $rounds windows)" \
    "$per1000" "C posix_spawn runner, same demand, alternated" "$cper1000" CPU-s lower
  bench_row promises "daemon runs/s, $n every ${period} s, ${sustain_seconds} s left alone ($sustained_skips skipped)" \
    "$sustained_rate" "runs due" "$(awk -v n="$n" -v p="$period" 'BEGIN {printf "%.1f", n / p}')" runs/s higher
  bench_row memory "RSS, $n promises every ${period} s + HTTPS, after ${ran} s" "$rss" \
    "goal" 96 MiB lower
  rm -rf "$dir"
}

if [ "${WHOLE:-1}" != 0 ]; then
  printf '| N | xargs -P%s wall s | C runner wall s | slapmon wall s | xargs CPU s | C runner CPU s | slapmon CPU s | slapmon peak RSS MiB |\n' "$cores"
  printf '|---|---|---|---|---|---|---|---|\n'
  for n in ${@:-1000}; do whole_pass "$n"; done
fi
if [ "${DAEMON:-1}" != 0 ]; then
  echo
  printf '| N | period s | daemon CPU s per 1,000 runs | of which the JVM | C runner CPU s per 1,000 | ratio | runs done | runs due | skipped | load1 |\n'
  printf '|---|---|---|---|---|---|---|---|---|---|\n'
  for n in ${@:-1000}; do daemon "$n"; done
fi
