#!/usr/bin/env bash
# The TLS engine and the certificate's key side by side: slapmon with OpenSSL (wildfly-openssl, the
# default) and with the JDK's TLS (-Dslapmon.tls.engine=jsse), each with an RSA 2048 and an ECDSA
# P-256 certificate, against Apache httpd with the same certificate, on loopback. For each pair:
# the time from starting the server to its first HTTPS 200 (curl polling every 20 ms) and the CPU
# it used until then (Apache: its processes then), its idle RSS
# IDLE seconds later, then new connections per second (wrk, "Connection: close": one full handshake
# per request, no session resumption), the server's CPU per connection and its RSS under that
# load. Servers start one at a time, alternating, REPEAT times; prints every run as a markdown
# table, and bench rows (bench/lib.sh; the median of the repeats) when BENCH_ROWS is set.
#
# usage: bench/tls/run.sh
#   DURATION=5 WARMUP=2   seconds of each measured wrk run and of a discarded one before it
#   REPEAT=2              runs of each server       IDLE=3   seconds before the idle RSS
#   KEYS="rsa ec"  ENGINES="openssl jsse"           what to measure
#   SLAPMON_PORT=18643 APACHE_PORT=18644
# needs: apt-get install -y apache2 wrk openssl curl, and monitor-runtime/target/slapmon.jar
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
jar=${SLAPMON_JAR:-$root/monitor-runtime/target/slapmon.jar}
duration=${DURATION:-5}
warmup=${WARMUP:-2}
repeat=${REPEAT:-2}
idle=${IDLE:-3}
sport=${SLAPMON_PORT:-18643}
aport=${APACHE_PORT:-18644}
read -r -a keys <<<"${KEYS:-rsa ec}"
read -r -a engines <<<"${ENGINES:-openssl jsse}"
modules=${APACHE_MODULES:-/usr/lib/apache2/modules}
apache=${APACHE_BIN:-/usr/sbin/apache2}
for tool in wrk openssl curl htpasswd java javap; do
  command -v "$tool" >/dev/null || { echo "bench: missing $tool" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "bench: no $jar; build it with: mvn -B -q -o package -DskipTests" >&2; exit 1; }

dir=$(mktemp -d /tmp/slapmon-tls-bench.XXXXXX)
server_pid=
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
trap 'stop_server; rm -rf "$dir"' EXIT

P=$dir
mkdir -p "$P"/etc/promise "$P"/srv/monitor/{public,private,webdav} "$P"/srv/ssl \
  "$P"/var/{run/monitor,log,monitor}
printf '{"status": "OK", "title": "check-bench"}\n' >"$P/srv/monitor/public/check-bench.status.json"
openssl rand -hex 8 | htpasswd -c -B -C 5 -i "$P/etc/monitor-htpasswd" admin 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=slapmon-bench \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$P/srv/ssl/rsa.key" -out "$P/srv/ssl/rsa.crt" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=slapmon-bench \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$P/srv/ssl/ec.key" -out "$P/srv/ssl/ec.crt" 2>/dev/null
read -r -a jvm_options <<<"$(slapmon_jvm_options "$jar")"

monitor_conf() { # key
  bench_monitor_conf "$P" "$sport" "$P/srv/monitor/public" "$P/srv/monitor/private" \
    "$P/srv/ssl/$1.crt" "$P/srv/ssl/$1.key"
}
apache_conf() { # key
  local run_as=
  [ "$(id -u)" != 0 ] || run_as=$'User www-data\nGroup www-data'
  for m in mpm_event authn_core authz_core mime dir autoindex socache_shmcb ssl; do
    printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$modules" "$m"
  done
  cat <<EOF
ServerRoot "$P"
ServerName 127.0.0.1
$run_as
PidFile "$P/var/run/apache.pid"
ErrorLog "$P/var/log/apache-error.log"
Mutex file:$P/var/run default
TypesConfig /etc/mime.types
StartServers 2
ServerLimit 2
ThreadLimit 32
ThreadsPerChild 32
MaxRequestWorkers 64
MinSpareThreads 64
MaxSpareThreads 64
Listen 127.0.0.1:$aport
SSLEngine On
SSLCertificateFile "$P/srv/ssl/$1.crt"
SSLCertificateKeyFile "$P/srv/ssl/$1.key"
SSLProtocol all -SSLv3
SSLSessionCache "shmcb:$P/var/run/ssl_scache(512000)"
DocumentRoot "$P/srv/monitor"
<Directory "$P/srv/monitor">
  Require all granted
</Directory>
EOF
}
if [ "$(id -u)" = 0 ]; then chmod 755 "$dir"; chmod -R o+rX "$P/srv"; fi

now_ms() { date +%s%3N; }
pids_of() { # server -> its pids (Apache: the parent and its children)
  if [ "$1" = apache ]; then
    local master; master=$(cat "$P/var/run/apache.pid" 2>/dev/null || echo "$server_pid")
    echo "$master" $(ps -o pid= --ppid "$master")
  else
    echo "$server_pid"
  fi
}
rss_mib() { local t=0 p k; for p in "$@"; do k=$(awk '/^VmRSS:/ {print $2}' /proc/$p/status 2>/dev/null || true); t=$((t + ${k:-0})); done; echo $((t / 1024)); }
ticks() { local t=0 p k; for p in "$@"; do k=$(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || true); t=$((t + ${k:-0})); done; echo "$t"; }

run_one() { # server key -> "first200_s idle_rss conn_per_s cpu_ms_per_conn load_rss first200_cpu_s"
  local server=$1 key=$2 port url start first out before after n rps
  if [ "$server" = apache ]; then
    port=$aport; url="https://127.0.0.1:$aport/public/check-bench.status.json"
    apache_conf "$key" >"$P/etc/apache.conf"
    start=$(now_ms)
    "$apache" -f "$P/etc/apache.conf" -DFOREGROUND >"$P/var/log/apache.out" 2>&1 &
  else
    port=$sport; url="https://127.0.0.1:$sport/public/check-bench.status.json"
    monitor_conf "$key" >"$P/etc/monitor.conf"
    start=$(now_ms)
    java "${jvm_options[@]}" "-Dslapmon.tls.engine=$server" -jar "$jar" run \
      --config "$P/etc/monitor.conf" >"$P/var/log/slapmon-$server-$key.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1500); do
    curl -sk -o /dev/null --max-time 2 "$url" && break
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: $server died" >&2; cat "$P"/var/log/* >&2; exit 1; }
    sleep 0.02
  done
  first=$(( $(now_ms) - start ))
  local first_cpu; first_cpu=$(ticks $(pids_of "$server"))
  sleep "$idle"
  local idle_rss; idle_rss=$(rss_mib $(pids_of "$server"))
  wrk -t2 -c32 -d"$warmup"s -H 'Connection: close' "$url" >/dev/null
  before=$(ticks $(pids_of "$server"))
  out=$(wrk -t2 -c32 -d"$duration"s -H 'Connection: close' "$url")
  after=$(ticks $(pids_of "$server"))
  local load_rss; load_rss=$(rss_mib $(pids_of "$server"))
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  stop_server
  awk -v f="$first" -v i="$idle_rss" -v r="$rps" -v t=$((after - before)) -v n="${n:-0}" \
    -v hz="$(getconf CLK_TCK)" -v l="$load_rss" -v fc="$first_cpu" \
    'BEGIN {printf "%.3f %d %d %.3f %d %.2f\n", f / 1000, i, r, (n > 0 ? t * 1000 / hz / n : 0), l, fc / hz}'
}

declare -A results
printf '| server | key | start to first 200, s | CPU to first 200, s | idle RSS, MiB | new connections/s | CPU ms per connection | RSS under load, MiB | load1 |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for _ in $(seq "$repeat"); do
  for key in "${keys[@]}"; do
    for server in "${engines[@]}" apache; do
      r=$(run_one "$server" "$key")
      results[$server.$key]+="$r"$'\n'
      read -r f i c m l fc <<<"$r"
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$server" "$key" "$f" "$fc" "$i" "$c" "$m" "$l" \
        "$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
column_median() { awk -v c="$2" '$0 != "" {print $c}' <<<"${results[$1]}" | median; }
for key in "${keys[@]}"; do
  for server in "${engines[@]}"; do
    bench_row tls "new connections/s, $key key, $server" "$(column_median "$server.$key" 3)" \
      apache "$(column_median "apache.$key" 3)" conn/s higher
    bench_row tls "CPU per new connection, $key key, $server" "$(column_median "$server.$key" 4)" \
      apache "$(column_median "apache.$key" 4)" ms lower
    bench_row tls "start to first HTTPS 200, $key key, $server" "$(column_median "$server.$key" 1)" \
      apache "$(column_median "apache.$key" 1)" s lower
  done
done
