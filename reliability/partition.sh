#!/usr/bin/env bash
# Sourced by the reliability scripts: lays out a partition as SlapOS does, with N promises.
#
# make_partition DIR N [TIMEOUT_SECONDS]
#   Promise i: every 10th fails (exit 1), every 10th+5 is slow (sleeps 0.5 s), the others print OK.
#   Statuses never change, so every change-time must stay where it was first set.

make_partition() {
  local dir=$1 n=$2 timeout=${3:-20} i
  mkdir -p "$dir/etc/promise" "$dir/etc/monitor-promise" "$dir/etc/monitor-report" \
    "$dir/srv/monitor/public" "$dir/srv/monitor/private"
  for i in $(seq 1 "$n"); do
    local file="$dir/etc/promise/promise-$i"
    if [ $((i % 10)) -eq 0 ]; then
      printf '#!/bin/sh\necho "promise %s is down" >&2\nexit 1\n' "$i" >"$file"
    elif [ $((i % 10)) -eq 5 ]; then
      printf '#!/bin/sh\nsleep 0.5\necho "promise %s is slow but fine"\n' "$i" >"$file"
    else
      printf '#!/bin/sh\necho "promise %s is fine"\n' "$i" >"$file"
    fi
    chmod 755 "$file"
  done
  echo "$timeout" >"$dir/etc/promise_timeout"
  cat >"$dir/etc/monitor.conf" <<CONF
[monitor]
title = Reliability
root-title = Reliability Root
base-url = https://[::1]:8196
public-folder = $dir/srv/monitor/public
private-folder = $dir/srv/monitor/private
promise-folder = $dir/etc/promise
monitor-promise-folder = $dir/etc/monitor-promise
report-folder = $dir/etc/monitor-report
promises-timeout-file = $dir/etc/promise_timeout
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
