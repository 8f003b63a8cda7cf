#!/usr/bin/env bash
# Start-up and idle footprint: slapmon started by its rendered service wrapper (the production JVM
# options, with and without the class-data sharing archive) against Debian's Apache httpd (event
# MPM, TLS, the public folder's listing), both measured the same way on loopback: the time from
# starting the command to the first HTTPS 200 on /public/ (curl polling every 10 ms), the CPU
# the server used until then, and after IDLE seconds its RSS and PSS (Apache: summed over its
# processes; PSS counts pages shared between processes, such as the class-data archive mapped by
# every monitor of a host, once in total). Prints the median of REPEAT starts of each, as a markdown
# table, and rows for bench/run.sh (bench/lib.sh) when BENCH_ROWS is set.
#
# usage: bench/start/run.sh
#   REPEAT=5      starts of each server (the median is kept)
#   IDLE=20       seconds after the first 200 before the memory is read
#   SLAPMON_PORT=18543 APACHE_PORT=18544    loopback ports ([::1])
#   ARCHIVE=make  make the jar's class-data archive when it is missing or older than the jar
#                 (slapmon class-data, a few seconds); ARCHIVE=keep uses what is there
#   PARTITIONS=3  monitors started side by side on as many partitions (ports SLAPMON_PORT+11...),
#                 as a host runs one per partition: PSS and private memory of each after IDLE
#                 seconds, the pages they share (the jar, the archives, libjvm) counted once
#                 (0: not measured)
# needs: apt-get install -y apache2 curl openssl, and the jar:
#   mvn -B -q -o package -DskipTests   (monitor-runtime/target/slapmon.jar)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bench/lib.sh"
jar=${SLAPMON_JAR:-$root/monitor-runtime/target/slapmon.jar}
repeat=${REPEAT:-5}
idle=${IDLE:-20}
sport=${SLAPMON_PORT:-18543}
aport=${APACHE_PORT:-18544}
archive_mode=${ARCHIVE:-make}
modules=${APACHE_MODULES:-/usr/lib/apache2/modules}
apache=${APACHE_BIN:-/usr/sbin/apache2}

missing=()
for tool in openssl curl java awk; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -x "$apache" ] || missing+=("$apache")
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: missing ${missing[*]}; install with: apt-get install -y apache2 openssl curl" >&2
  exit 1
fi
[ -f "$jar" ] || { echo "bench: no $jar; build it with: cd $root && mvn -B -q -o package -DskipTests" >&2; exit 1; }
side_ports=()
for k in $(seq "${PARTITIONS:-3}"); do side_ports+=($((sport + 10 + k))); done
for port in "$sport" "$aport" "${side_ports[@]}"; do
  if (exec 3<>"/dev/tcp/::1/$port") 2>/dev/null; then
    echo "bench: port $port on [::1] is already in use" >&2; exit 1
  fi
done

archive=${jar%.jar}.jsa
if [ "$archive_mode" = make ] && { [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; }; then
  echo "bench: making $archive (slapmon class-data)" >&2
  java -jar "$jar" class-data >/dev/null
fi

dir=$(mktemp -d /tmp/slapmon-start-bench.XXXXXX)
server_pid=
cleanup() {
  set +e
  stop_server
  rm -rf "$dir"
}
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap cleanup EXIT

# --- the partition: the example profile, rendered as SlapOS renders it ------------------------------
P=$dir/partition
mkdir -p "$P"
sed -e "s/^monitor-httpd-port = .*/monitor-httpd-port = $sport/" \
  "$root/examples/instance-monitor-example.cfg" >"$dir/instance.cfg"
java -jar "$jar" render --instance "$dir/instance.cfg" --partition "$P" >/dev/null
wrapper=$P/etc/service/monitor-slapmon
grep -q -- "-XX:SharedArchiveFile=" "$wrapper" || { echo "bench: $wrapper names no class-data archive" >&2; exit 1; }
# The same wrapper without the archive: the start as it was before it.
sed -e 's/ -XX:SharedArchiveFile=[^ ]* -Xshare:auto//' "$wrapper" >"$dir/monitor-slapmon-no-archive"
chmod 755 "$dir/monitor-slapmon-no-archive"

# --- Apache on the same partition's public folder ------------------------------------------------------
run_as=
if [ "$(id -u)" = 0 ]; then
  run_as="User www-data
Group www-data"
  chmod 755 "$dir" "$P" "$P/srv" "$P/srv/monitor"
  chmod -R o+rX "$P/srv/monitor/public"
fi
mkdir -p "$dir/apache/run" "$dir/apache/log"
for m in mpm_event authz_core mime headers setenvif alias dir autoindex socache_shmcb ssl; do
  printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$modules" "$m"
done >"$dir/apache/modules.conf"
cat >"$dir/apache/httpd.conf" <<CONF
ServerRoot "$dir/apache"
ServerName localhost
Include "$dir/apache/modules.conf"
$run_as
PidFile "$dir/apache/run/httpd.pid"
ErrorLog "$dir/apache/log/error.log"
LogLevel warn
Mutex file:$dir/apache/run default
TypesConfig /etc/mime.types
StartServers 2
ServerLimit 2
ThreadLimit 32
ThreadsPerChild 32
MaxRequestWorkers 64
MinSpareThreads 64
MaxSpareThreads 64
Listen [::1]:$aport
SSLEngine On
SSLCertificateFile "$P/srv/ssl/certs/httpd.crt"
SSLCertificateKeyFile "$P/srv/ssl/certs/httpd.key"
SSLSessionCache "shmcb:$dir/apache/run/ssl_scache(512000)"
Header set Cache-Control "private, max-age=40"
DocumentRoot "$P/srv/monitor/public"
<Directory />
  Require all denied
</Directory>
Alias /public/ "$P/srv/monitor/public/"
<Directory "$P/srv/monitor/public">
  Options Indexes FollowSymLinks
  Require all granted
</Directory>
CONF

# --- one start ------------------------------------------------------------------------------------------
# pid, its children, and what they have reaped: CPU ticks and memory (KiB) of the whole server.
cpu_ticks() {
  local pid=$1 total=0 child
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")
  for child in $(ps -o pid= --ppid "$pid"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
memory_kib() { # FIELD (Rss or Pss) summed over pid and its children
  local pid=$1 field=$2 total=0 p
  for p in "$pid" $(ps -o pid= --ppid "$pid"); do
    total=$((total + $(awk -v f="$field:" '$1 == f {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# start_once URL CMD...: prints "seconds cpu_seconds rss_mib pss_mib"
start_once() {
  local url=$1 t0 t1 code=000 ticks rss pss hz
  shift
  hz=$(getconf CLK_TCK)
  t0=$(date +%s%N)
  "$@" >"$dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 6000); do
    code=$(curl -sk -g -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null) || true
    [ "$code" = 200 ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.01
  done
  t1=$(date +%s%N)
  if [ "$code" != 200 ]; then
    echo "bench: $* gave no 200 on $url (last: $code); its log:" >&2
    tail -5 "$dir/server.log" >&2
    exit 1
  fi
  ticks=$(cpu_ticks "$server_pid")
  sleep "$idle"
  rss=$(memory_kib "$server_pid" Rss)
  pss=$(memory_kib "$server_pid" Pss)
  stop_server
  awk -v t0="$t0" -v t1="$t1" -v ticks="$ticks" -v hz="$hz" -v rss="$rss" -v pss="$pss" \
    'BEGIN { printf "%.3f %.2f %.1f %.1f\n", (t1 - t0) / 1e9, ticks / hz, rss / 1024, pss / 1024 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# measure NAME URL CMD...: REPEAT starts; sets NAME_start NAME_cpu NAME_rss NAME_pss (medians)
declare -A result
measure() {
  local name=$1 i
  shift
  : >"$dir/$name.runs"
  for i in $(seq "$repeat"); do
    start_once "$@" >>"$dir/$name.runs"
  done
  result[$name.start]=$(awk '{print $1}' "$dir/$name.runs" | median)
  result[$name.cpu]=$(awk '{print $2}' "$dir/$name.runs" | median)
  result[$name.rss]=$(awk '{print $3}' "$dir/$name.runs" | median)
  result[$name.pss]=$(awk '{print $4}' "$dir/$name.runs" | median)
  result[$name.load]=$(cut -d' ' -f1 /proc/loadavg)
}

measure apache "https://[::1]:$aport/public/" "$apache" -f "$dir/apache/httpd.conf" -DFOREGROUND
# Each row right after its measurement, so that its load is the one it was measured under.
slapmon_rows() { # NAME LABEL
  bench_row start "start to first HTTPS 200$2" "${result[$1.start]}" apache "${result[apache.start]}" s lower
  bench_row start "CPU to first HTTPS 200$2" "${result[$1.cpu]}" apache "${result[apache.cpu]}" s lower
  bench_row start "idle RSS after ${idle} s$2" "${result[$1.rss]}" apache "${result[apache.rss]}" MiB lower
  bench_row start "idle PSS after ${idle} s$2" "${result[$1.pss]}" apache "${result[apache.pss]}" MiB lower
}
measure slapmon "https://[::1]:$sport/public/" "$wrapper"
slapmon_rows slapmon ""
measure noarchive "https://[::1]:$sport/public/" "$dir/monitor-slapmon-no-archive"
slapmon_rows noarchive ", no class-data archive"

# --- several partitions side by side: what each monitor of a host costs --------------------------------
partitions=${PARTITIONS:-3}
side_pids=()
stop_side() {
  local p
  for p in "${side_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${side_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  side_pids=()
}
if [ "$partitions" -gt 0 ]; then
  trap 'stop_side; cleanup' EXIT
  for k in $(seq "$partitions"); do
    sed -e "s/^monitor-httpd-port = .*/monitor-httpd-port = $((sport + 10 + k))/" \
      "$root/examples/instance-monitor-example.cfg" >"$dir/instance$k.cfg"
    java -jar "$jar" render --instance "$dir/instance$k.cfg" --partition "$dir/side$k" >/dev/null
  done
  for k in $(seq "$partitions"); do
    "$dir/side$k/etc/service/monitor-slapmon" >"$dir/side$k.log" 2>&1 &
    side_pids+=($!)
  done
  for k in $(seq "$partitions"); do
    code=000
    for _ in $(seq 3000); do
      code=$(curl -sk -g -o /dev/null -w '%{http_code}' --max-time 5 \
        "https://[::1]:$((sport + 10 + k))/public/" 2>/dev/null) || true
      [ "$code" = 200 ] && break
      sleep 0.05
    done
    [ "$code" = 200 ] || { echo "bench: side-by-side monitor $k gave no 200; its log:" >&2; tail -5 "$dir/side$k.log" >&2; exit 1; }
  done
  sleep "$idle"
  : >"$dir/side.runs"
  for p in "${side_pids[@]}"; do
    echo "$(memory_kib "$p" Pss) $(memory_kib "$p" Private_Dirty) $(memory_kib "$p" Private_Clean)" >>"$dir/side.runs"
  done
  stop_side
  result[side.pss]=$(awk '{print $1 / 1024}' "$dir/side.runs" | median)
  result[side.private]=$(awk '{print ($2 + $3) / 1024}' "$dir/side.runs" | median)
  result[side.load]=$(cut -d' ' -f1 /proc/loadavg)
  bench_row start "idle PSS per monitor, $partitions partitions side by side" \
    "$(printf '%.1f' "${result[side.pss]}")" apache "${result[apache.pss]}" MiB lower
fi

printf '| start-up, median of %s (load1 after) | first HTTPS 200, s | CPU to it, s | RSS after %s s, MiB | PSS, MiB |\n' "$repeat" "$idle"
printf '|---|---|---|---|---|\n'
for name in slapmon noarchive apache; do
  case $name in
    slapmon) label="slapmon, wrapper (class-data archive)" ;;
    noarchive) label="slapmon, wrapper without the archive" ;;
    apache) label="Apache httpd (event MPM)" ;;
  esac
  printf '| %s (%s) | %s | %s | %s | %s |\n' "$label" "${result[$name.load]}" "${result[$name.start]}" \
    "${result[$name.cpu]}" "${result[$name.rss]}" "${result[$name.pss]}"
done
if [ "$partitions" -gt 0 ]; then
  printf '\n%s monitors side by side (load1 %s), median of each after %s s: PSS %.1f MiB, private %.1f MiB\n' \
    "$partitions" "${result[side.load]}" "$idle" "${result[side.pss]}" "${result[side.private]}"
fi

