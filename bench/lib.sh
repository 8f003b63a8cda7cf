# Sourced by the bench scripts: what they share.

# The JVM options of the rendered service wrapper (ShellScripts.JVM_OPTIONS), read from the jar
# itself so that a bench always measures slapmon as production starts it.
slapmon_jvm_options() {
  local jar=$1
  javap -cp "$jar" -constants slapmon.templates.ShellScripts \
    | sed -n 's/.* JVM_OPTIONS = "\(.*\)";$/\1/p'
}

# One row of the bench table (see bench/run.sh), appended to $BENCH_ROWS when it is set:
#   bench_row AREA WORKLOAD SLAPMON_VALUE PEER_NAME PEER_VALUE UNIT BETTER(higher|lower)
# The ratio is written so that >= 1.0 means slapmon is at least as good as the peer; the load is
# the machine's 1-minute load average right after the measurement.
bench_row() {
  [ -n "${BENCH_ROWS:-}" ] || return 0
  local area=$1 workload=$2 ours=$3 peer=$4 theirs=$5 unit=$6 better=$7 ratio load
  if [ "$better" = higher ]; then
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  else
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$area" "$workload" "$ours" "$peer" "$theirs" "$unit" "$ratio" "$better" "$load" >> "$BENCH_ROWS"
}

# A monitor.conf for a bench partition P serving HTTPS on 127.0.0.1:PORT (stdout):
#   bench_monitor_conf P PORT PUBLIC_FOLDER PRIVATE_FOLDER CERT_FILE KEY_FILE
bench_monitor_conf() {
  local P=$1 port=$2 pub=$3 priv=$4 cert=$5 key=$6
  cat <<EOF
[monitor]
title = bench
root-title = bench
base-url = https://127.0.0.1:$port
public-folder = $pub
private-folder = $priv
webdav-folder = $P/srv/monitor/webdav
promise-folder = $P/etc/promise
service-pid-folder = $P/var/run/monitor
pid-file = $P/var/run/monitor/monitor-bootstrap.pid
promise-output-file = $P/srv/monitor/monitor-bootstrap-status
public-path-list =
private-path-list =
monitor-url-list =
parameter-file-path = $P/etc/monitor_knowledge0.cfg
parameter-list =

[httpd]
listen-address = 127.0.0.1
port = $port
cert-file = $cert
key-file = $key
htpasswd-file = $P/etc/monitor-htpasswd
EOF
}
