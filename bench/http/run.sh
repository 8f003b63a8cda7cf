#!/usr/bin/env bash
# slapmon's HTTPS server against Debian's Apache httpd configured like the original monitor-httpd
# (SPEC A.10), side by side in the same run, on loopback: wrk -t2 -c32 over TLS for seven workloads
# (a public status JSON, a private JSON behind Basic auth with a bcrypt htpasswd, a 200 KB history,
# a 2 MiB file, the listing of /public/ (about 106 entries), PROPFIND Depth: 1 on the private
# WebDAV share with auth (about 106 entries) and on a folder of 1,000 files). slapmon runs with
# the rendered wrapper's JVM options (bench/lib.sh). Prints requests/s, p99 latency and RSS
# (Apache: summed over all its processes) as a markdown table, and appends bench rows (req/s and
# p99 of each workload) to $BENCH_ROWS when it is set (bench/run.sh).
#
# usage: bench/http/run.sh
#   DURATION=10   seconds of each measured wrk run      WARMUP=3   seconds of a discarded run before it
#   WORKLOADS="0 1 2 3 4 5 6"   which of the workloads above to measure (indices, in that order)
#   SLAPMON_EXTRA_OPTS=         JVM options added after the wrapper's
#   SLAPMON_JARS="a.jar b.jar"  several slapmon jars side by side on the same partition (ports
#                               SLAPMON_PORT and the next ones but APACHE_PORT), measured one after the other then Apache,
#   ROUNDS=1                    ROUNDS times over (alternated rounds); one table row per jar and
#                               round, Apache's of the same round beside it; with one jar, the
#                               bench rows take each figure's median over the rounds
#   JFR=/tmp/http.jfr           record a Java Flight Recording (settings=profile) of slapmon, dumped there
#                               by jcmd before slapmon stops (jfr print --events jdk.ExecutionSample ...);
#                               with SLAPMON_JARS, the second jar's to /tmp/http1.jfr, and so on
#   THREADS=2 CONNECTIONS=32                             wrk -t / -c
#   APACHE_MPM=tuned|original   tuned (default): event MPM, 2 processes x 32 threads;
#                               original: ServerLimit 1, ThreadsPerChild 4, MaxRequestWorkers 4 (SPEC A.10.1)
#   SLAPMON_PORT=18443 APACHE_PORT=18444                 loopback ports (127.0.0.1)
# needs: apt-get install -y apache2 wrk (also openssl, curl, htpasswd from apache2-utils) and the jar:
#   cd /work/main && mvn -q -o package -DskipTests   (monitor-runtime/target/slapmon.jar)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
jar=${SLAPMON_JAR:-$root/monitor-runtime/target/slapmon.jar}
read -r -a jars <<<"${SLAPMON_JARS:-$jar}"
rounds=${ROUNDS:-1}
duration=${DURATION:-10}
warmup=${WARMUP:-3}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
mpm=${APACHE_MPM:-tuned}
sport=${SLAPMON_PORT:-18443}
aport=${APACHE_PORT:-18444}
modules=${APACHE_MODULES:-/usr/lib/apache2/modules}
apache=${APACHE_BIN:-/usr/sbin/apache2}

missing=()
for tool in wrk openssl curl htpasswd java javap base64 awk; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -x "$apache" ] || missing+=("$apache")
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: missing ${missing[*]}; install with: apt-get install -y apache2 apache2-utils wrk openssl curl" >&2
  exit 1
fi
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "bench: no $jar; build it with: cd $root && mvn -q -o package -DskipTests" >&2; exit 1; }
done
sports=() # SLAPMON_PORT, then the next ports but Apache's
next=$sport
for k in "${!jars[@]}"; do
  [ "$next" != "$aport" ] || next=$((next + 1))
  sports+=("$next"); next=$((next + 1))
done
case $mpm in tuned|original) ;; *) echo "bench: APACHE_MPM must be tuned or original" >&2; exit 1 ;; esac
for port in "${sports[@]}" "$aport"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "bench: port $port on 127.0.0.1 is already in use" >&2; exit 1
  fi
done

dir=$(mktemp -d /tmp/slapmon-http-bench.XXXXXX)
slapmon_pids=()
apache_pid=
cleanup() {
  set +e
  local k pid jfr_file
  for k in "${!slapmon_pids[@]}"; do
    pid=${slapmon_pids[$k]}
    if [ -n "${JFR:-}" ]; then
      jfr_file=$JFR # the first jar's; the others' get their index before .jfr
      [ "$k" = 0 ] || jfr_file="${JFR%.jfr}$k.jfr"
      jcmd "$pid" JFR.dump name=bench filename="$jfr_file" >/dev/null
    fi
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  if [ -n "$apache_pid" ]; then
    kill -TERM "$apache_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$apache_pid" 2>/dev/null || break; sleep 0.1; done
    wait "$apache_pid" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

# --- the throw-away partition --------------------------------------------------------------------
P=$dir
mkdir -p "$P"/etc/promise "$P"/srv/monitor/{public,private,webdav} "$P"/srv/ssl/certs \
  "$P"/var/{run,log/monitor,monitor} "$P"/srv/monitor/private/{config,data}/.jio_documents
pub=$P/srv/monitor/public
priv=$P/srv/monitor/private
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=slapmon-bench \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$P/srv/ssl/certs/httpd.key" \
  -out "$P/srv/ssl/certs/httpd.crt" 2>/dev/null
user=admin
password=$(openssl rand -hex 6)
printf '%s' "$password" | htpasswd -c -B -C 5 -i "$P/etc/monitor-htpasswd" "$user" 2>/dev/null
basic=$(printf '%s:%s' "$user" "$password" | base64 -w0)
password=

# A promise that always succeeds, so that the engine keeps (and rewrites) its status file.
printf '#!/bin/sh\necho "bench promise ok"\n' >"$P/etc/promise/check-bench"
chmod 755 "$P/etc/promise/check-bench"
status='{"status": "OK", "result": {"failed": false, "message": "bench promise ok", "type": "Test Result", "date": "2026-11-24T10:00:00+0000"}, "title": "check-bench", "name": "check-bench", "execution-time": 0.004, "path": "'$P'/etc/promise/check-bench", "portal-type": "promise", "change-time": 1764000000, "_links": {"monitor": {"href": "https://127.0.0.1/share/private/"}}}'
printf '%s\n' "$status" >"$pub/check-bench.status.json"
printf '%s\n' "${status/check-bench.status/private}" >"$priv/bench-private.json"
# A 200 KB history of a promise that is not in etc/promise (so the engine leaves it alone).
awk 'BEGIN {
  printf "{\"date\": 1764000000.0, \"data\": ["
  for (i = 0; i < 1400; i++) {
    printf "%s{\"status\": \"%s\", \"change-time\": %d, \"start-date\": \"2026-11-24T%02d:%02d:00+0000\", \"message\": \"disk usage is below the threshold (%d MiB free)\"}",
      (i ? ", " : ""), (i % 97 ? "OK" : "ERROR"), 1764000000 + 60 * i, int(i / 60) % 24, i % 60, 20000 - i
  }
  printf "]}\n"
}' >"$pub/bench-history.history.json"
history_size=$(stat -c %s "$pub/bench-history.history.json")
# A 2 MiB file (a large log or archive in the public folder).
head -c $((3 << 19)) /dev/urandom | base64 -w 76 >"$pub/bench-large.log"
truncate -s $((2 << 20)) "$pub/bench-large.log"
# Something to list: about 106 entries in each published folder, and a folder of 1,000. (Not
# NAME.status.json nor NAME.report.json: the engine removes those of promises it does not know.)
for i in $(seq -w 1 103); do printf '%s\n' "${status//check-bench/check-$i}" >"$pub/check-$i.json"; done
for i in $(seq -w 1 100); do printf '{"report": %d, "state": "ok"}\n' "$((10#$i))" >"$priv/report-$i.json"; done
mkdir "$priv/many"
for i in $(seq -w 1 1000); do printf '{"n": %d}\n' "$((10#$i))" >"$priv/many/doc-$i.json"; done
printf '{}\n' >"$priv/config/.jio_documents/config.json"
printf '{}\n' >"$priv/data/.jio_documents/monitor_resource.data.json"
# The WebDAV tree made by slapmon's bootstrap (SPEC A.2).
ln -s "$pub" "$P/srv/monitor/webdav/public"
ln -s "$priv" "$P/srv/monitor/webdav/private"
mkdir -p "$P/srv/monitor/webdav/jio_public" "$P/srv/monitor/webdav/jio_private"
ln -s "$pub" "$P/srv/monitor/webdav/jio_public/.jio_documents"
ln -s "$priv" "$P/srv/monitor/webdav/jio_private/.jio_documents"
ln -s "$priv/data" "$P/srv/monitor/webdav/jio_private/data"
ln -s "$priv/config" "$P/srv/monitor/webdav/jio_private/config"

# wrk scripts: the credentials live in these files, never on a command line.
umask_old=$(umask); umask 077
printf 'wrk.headers["Authorization"] = "Basic %s"\n' "$basic" >"$P/auth.lua"
printf 'wrk.method = "PROPFIND"\nwrk.headers["Depth"] = "1"\nwrk.headers["Authorization"] = "Basic %s"\n' \
  "$basic" >"$P/propfind.lua"
umask "$umask_old"
curl_auth=(-H @"$P/curl-auth")
(umask 077; printf 'Authorization: Basic %s\n' "$basic" >"$P/curl-auth")
basic=

# --- slapmon ---------------------------------------------------------------------------------------
for k in "${!jars[@]}"; do
  jar=${jars[$k]}
  {
    bench_monitor_conf "$P" "${sports[$k]}" "$pub" "$priv" "$P/srv/ssl/certs/httpd.crt" \
      "$P/srv/ssl/certs/httpd.key"
    echo "cors-domains = monitor.app.officejs.com"
  } | if [ "$k" = 0 ]; then cat; else sed "s|monitor-bootstrap\(-status\)*\.pid|&-$k|"; fi \
    >"$P/etc/monitor-$k.conf"
  [ "$k" != 0 ] || cp "$P/etc/monitor-0.conf" "$P/etc/monitor.conf"
  read -r -a jvm_options <<<"$(slapmon_jvm_options "$jar") ${SLAPMON_EXTRA_OPTS:-}"
  [ -z "${JFR:-}" ] || jvm_options+=(-XX:StartFlightRecording=name=bench,settings=profile)
  [ ${#jvm_options[@]} -gt 0 ] || { echo "bench: no JVM_OPTIONS in $jar" >&2; exit 1; }
  echo "slapmon: java ${jvm_options[*]} -jar $jar (port ${sports[$k]})" >&2
  java "${jvm_options[@]}" -jar "$jar" run --config "$P/etc/monitor-$k.conf" \
    >"$P/var/log/slapmon-$k.log" 2>&1 &
  slapmon_pids+=($!)
done

# --- Apache, like etc/monitor-httpd.conf (SPEC A.10) ------------------------------------------------
if [ "$mpm" = original ]; then
  mpm_conf="StartServers 1
ServerLimit 1
ThreadLimit 4
ThreadsPerChild 4
MaxRequestWorkers 4"
else
  mpm_conf="StartServers 2
ServerLimit 2
ThreadLimit 32
ThreadsPerChild 32
MaxRequestWorkers 64
MinSpareThreads 64
MaxSpareThreads 64"
fi
run_as=
if [ "$(id -u)" = 0 ]; then
  # Apache's children cannot run as root: they run as www-data, which must read the partition.
  run_as="User www-data
Group www-data"
  chmod 755 "$dir"
  chgrp www-data "$P/etc/monitor-htpasswd" && chmod 640 "$P/etc/monitor-htpasswd"
  chown -R www-data "$P/var/monitor" "$priv" "$pub"
fi
for m in mpm_event authn_core authn_file auth_basic authz_core authz_user authz_host \
         mime headers setenvif alias dir autoindex dav dav_fs socache_shmcb ssl; do
  printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$modules" "$m"
done >"$P/etc/modules.conf"
cat >"$P/etc/monitor-httpd.conf" <<EOF
ServerRoot "$P"
ServerName 127.0.0.1
Include "$P/etc/modules.conf"
$run_as
PidFile "$P/var/run/monitor-httpd.pid"
ErrorLog "$P/var/log/monitor/monitor-httpd-error.log"
LogLevel warn
Mutex file:$P/var/run default
TypesConfig /etc/mime.types
AddType application/hal+json .haljson
$mpm_conf

Listen 127.0.0.1:$aport
SSLEngine On
SSLCertificateFile "$P/srv/ssl/certs/httpd.crt"
SSLCertificateKeyFile "$P/srv/ssl/certs/httpd.key"
SSLProtocol all -SSLv3
SSLCipherSuite ECDH+AESGCM:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:ECDH+3DES:DH+3DES:RSA+AESGCM:RSA+AES:RSA+3DES:HIGH:!aNULL:!MD5
SSLHonorCipherOrder on
SSLSessionCache "shmcb:$P/var/run/ssl_scache(512000)"

# CORS (SPEC A.10.4), then the global headers (A.10.2)
SetEnvIf Origin "^http(s)?://(.+\.)?(monitor\.app\.officejs\.com)$" ORIGIN_DOMAIN=\$0
Header always set Access-Control-Allow-Origin "%{ORIGIN_DOMAIN}e" env=ORIGIN_DOMAIN
Header always set Access-Control-Allow-Credentials "true" env=ORIGIN_DOMAIN
Header always set Access-Control-Allow-Methods "PROPFIND, PROPPATCH, COPY, MOVE, DELETE, MKCOL, LOCK, UNLOCK, PUT, GETLIB, VERSION-CONTROL, CHECKIN, CHECKOUT, UNCHECKOUT, REPORT, UPDATE, CANCELUPLOAD, HEAD, OPTIONS, GET, POST" env=ORIGIN_DOMAIN
Header always set Access-Control-Allow-Headers "Overwrite, Destination, Content-Type, Depth, User-Agent, X-File-Size, X-Requested-With, If-Modified-Since, X-File-Name, Cache-Control, Authorization" env=ORIGIN_DOMAIN
Header set Vary Origin
Header set Cache-Control "private, max-age=40"
Header set Access-Control-Max-Age "40"

DocumentRoot "$priv"
DAVLockDB "$P/var/monitor/DavLock"

<Directory />
  AllowOverride None
  Require all denied
</Directory>

Alias /public/ "$pub/"
<Directory "$pub">
  Options Indexes FollowSymLinks
  AllowOverride None
  Require all granted
</Directory>

Alias /private/ "$priv/"
<Directory "$priv">
  Options Indexes FollowSymLinks
  AllowOverride None
  AuthType Basic
  AuthName "Private access"
  AuthUserFile "$P/etc/monitor-htpasswd"
  Require valid-user
  <Files ".??*">
    Require all denied
  </Files>
</Directory>

Alias /share "$P/srv/monitor/webdav"
<Directory "$P/srv/monitor/webdav">
  DAV On
  DirectoryIndex disabled
  Options Indexes FollowSymLinks
  AllowOverride None
</Directory>
<Location /share>
  AuthType Basic
  AuthName "webdav"
  AuthUserFile "$P/etc/monitor-htpasswd"
  <LimitExcept OPTIONS>
    Require valid-user
  </LimitExcept>
</Location>
<LocationMatch "/share/(jio_)?public">
  <Limit GET HEAD OPTIONS REPORT PROPFIND>
    Require all granted
  </Limit>
</LocationMatch>
EOF
"$apache" -f "$P/etc/monitor-httpd.conf" -DFOREGROUND >"$P/var/log/apache-stdout.log" 2>&1 &
apache_pid=$!

# --- wait until both answer, then check that both give the same answers ------------------------------
ready() { curl -sk -o /dev/null --max-time 2 "https://127.0.0.1:$1/public/check-bench.status.json"; }
for _ in $(seq 120); do
  all=1
  for port in "${sports[@]}" "$aport"; do ready "$port" || all=0; done
  [ "$all" = 0 ] || break
  for k in "${!slapmon_pids[@]}"; do
    kill -0 "${slapmon_pids[$k]}" 2>/dev/null || { echo "bench: slapmon ${jars[$k]} died:" >&2; tail -20 "$P/var/log/slapmon-$k.log" >&2; exit 1; }
  done
  kill -0 "$apache_pid" 2>/dev/null || { echo "bench: apache died:" >&2; cat "$P/var/log/apache-stdout.log" "$P/var/log/monitor/monitor-httpd-error.log" >&2; exit 1; }
  sleep 0.5
done
for port in "${sports[@]}"; do
  ready "$port" || { echo "bench: slapmon does not answer on $port" >&2; exit 1; }
done
ready "$aport" || { echo "bench: apache does not answer on $aport" >&2; exit 1; }

for port in "${sports[@]}" "$aport"; do
  echo "TLS on $port: $(openssl s_client -connect "127.0.0.1:$port" </dev/null 2>/dev/null \
    | sed -n 's/^New, \(.*\)$/\1/p')" >&2
done
count() { find "$1" -mindepth 1 -maxdepth 1 ! -name '.*' | wc -l; }
names=("public status JSON" "private JSON, Basic auth (bcrypt -C 5)" "history JSON, $((history_size / 1024)) KiB"
  "file, 2 MiB" "GET /public/ listing, $(count "$pub") entries"
  "PROPFIND Depth: 1, $(count "$priv") entries, Basic auth" "PROPFIND Depth: 1, 1000 entries, Basic auth")
paths=(/public/check-bench.status.json /private/bench-private.json /public/bench-history.history.json
  /public/bench-large.log /public/ /share/private/ /share/private/many/)
scripts=("" "$P/auth.lua" "" "" "" "$P/propfind.lua" "$P/propfind.lua")
expects=(200 200 200 200 200 207 207)
authed=(0 1 0 0 0 1 1)
propfind=(0 0 0 0 0 1 1)
workloads=(${WORKLOADS:-0 1 2 3 4 5 6})

check() { # port index -> "status bytes"
  local args=(-sk -o /dev/null -w '%{http_code} %{size_download}' --max-time 10)
  [ "${authed[$2]}" = 0 ] || args+=("${curl_auth[@]}")
  [ "${propfind[$2]}" = 0 ] || args+=(-X PROPFIND -H 'Depth: 1')
  curl "${args[@]}" "https://127.0.0.1:$1${paths[$2]}"
}
for i in "${workloads[@]}"; do
  a=$(check "$aport" "$i")
  for port in "${sports[@]}"; do
    s=$(check "$port" "$i")
    for got in "slapmon:$s" "apache:$a"; do
      code=${got#*:}; code=${code%% *}
      [ "$code" = "${expects[$i]}" ] || { echo "bench: ${got%%:*} answered $code to ${paths[$i]} (want ${expects[$i]})" >&2; exit 1; }
    done
    echo "check ${paths[$i]}: slapmon ($port) ${s#* } bytes, apache ${a#* } bytes" >&2
  done
done
# Both must refuse the private file without credentials.
for port in "${sports[@]}" "$aport"; do
  code=$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/private/bench-private.json")
  [ "$code" = 401 ] || { echo "bench: port $port answered $code without credentials" >&2; exit 1; }
done

# --- measure -------------------------------------------------------------------------------------
rss_kib() { # pid... -> sum of VmRSS in KiB
  local total=0 pid kib
  for pid in "$@"; do
    kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    total=$((total + ${kib:-0}))
  done
  echo "$total"
}
apache_pids() {
  local master
  master=$(cat "$P/var/run/monitor-httpd.pid")
  echo "$master" $(ps -o pid= --ppid "$master")
}
to_ms() { # wrk latency (123.45us, 1.23ms, 1.02s, 2.00m) -> ms
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
    if (f < 0) { print "?"; exit }
    printf "%.2f", n * f
  }'
}
wrk_run() { # port index seconds -> wrk output
  local args=(-t"$threads" -c"$connections" -d"$3"s --latency --timeout 10s)
  [ -z "${scripts[$2]}" ] || args+=(-s "${scripts[$2]}")
  wrk "${args[@]}" "https://127.0.0.1:$1${paths[$2]}"
}
cpu_ticks() { # pid... -> user + system clock ticks of those processes (all their threads)
  local total=0 pid ticks
  for pid in "$@"; do
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}
server_pids() { # port -> the server's pids
  local k
  for k in "${!sports[@]}"; do
    if [ "$1" = "${sports[$k]}" ]; then echo "${slapmon_pids[$k]}"; return; fi
  done
  apache_pids
}
measure() { # port index -> "req/s p99ms cpu-ms-per-request"
  local out rps p99 bad before after requests
  [ "$warmup" -le 0 ] || wrk_run "$1" "$2" "$warmup" >/dev/null
  before=$(cpu_ticks $(server_pids "$1"))
  out=$(wrk_run "$1" "$2" "$duration")
  after=$(cpu_ticks $(server_pids "$1"))
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  [ -z "$bad" ] || echo "bench: $bad non-2xx answers from port $1 on ${paths[$2]}" >&2
  if grep -q 'Socket errors' <<<"$out"; then echo "bench: port $1 ${paths[$2]}: $(grep 'Socket errors' <<<"$out")" >&2; fi
  echo "$rps $p99 $(awk -v t=$((after - before)) -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0)}')"
}

echo "wrk -t$threads -c$connections -d${duration}s --latency (after a ${warmup}s warm-up); Apache $("$apache" -v | sed -n 's/^Server version: //p'), MPM $mpm" >&2
printf '| workload | slapmon req/s | Apache req/s | ratio | slapmon p99, ms | Apache p99, ms | slapmon CPU ms/req | Apache CPU ms/req | slapmon RSS, MiB | Apache RSS, MiB | load1 |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
declare -A seen=()
for round in $(seq "$rounds"); do
for i in "${workloads[@]}"; do
  results=()
  for k in "${!sports[@]}"; do
    read -r srps sp99 scpu < <(measure "${sports[$k]}" "$i")
    results+=("$srps $sp99 $scpu $(rss_kib "${slapmon_pids[$k]}")")
  done
  read -r arps ap99 acpu < <(measure "$aport" "$i")
  arss=$(rss_kib $(apache_pids))
  for k in "${!sports[@]}"; do
    read -r srps sp99 scpu srss <<<"${results[$k]}"
    name=${names[$i]}
    [ "${#jars[@]}" = 1 ] && [ "$rounds" = 1 ] || name="$name, $(basename "${jars[$k]}"), round $round"
    ratio=$(awk -v a="$srps" -v b="$arps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
    printf '| %s | %s | %s | %s× | %s | %s | %s | %s | %d | %d | %s |\n' "$name" "$srps" "$arps" \
      "$ratio" "$sp99" "$ap99" "$scpu" "$acpu" $((srss / 1024)) $((arss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
    [ "${#jars[@]}" = 1 ] && seen[$i]+="$srps $arps $sp99 $ap99 $scpu $acpu"$'\n'
  done
done
done
# One jar: a row per workload, each figure the median of its rounds.
median_of() { awk -v f="$1" '{print $f}' | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
if [ "${#jars[@]}" = 1 ]; then
  for i in "${workloads[@]}"; do
    m=(); for f in 1 2 3 4 5 6; do m+=("$(median_of "$f" <<<"${seen[$i]%$'\n'}")"); done
    label=${names[$i]}; [ "$rounds" = 1 ] || label="$label, median of $rounds rounds"
    bench_row https "$label" "${m[0]}" apache "${m[1]}" req/s higher
    bench_row https "$label, p99" "${m[2]}" apache "${m[3]}" ms lower
    bench_row https "$label, CPU per request" "${m[4]}" apache "${m[5]}" ms lower
  done
fi
