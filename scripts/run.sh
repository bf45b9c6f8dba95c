#!/usr/bin/env bash
# Starts the local pipeline from the binaries in $1 and stops it all on Ctrl-C.
set -euo pipefail
bin=${1:-.build/release}
mkdir -p run data
pids=()
stop() {
  echo; echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait
  echo "stopped."
}
trap stop INT TERM
"$bin/tw-bus" --log-format text >run/tw-bus.log 2>&1 &
pids+=($!)
sleep 0.5
cat <<MSG

Trackwire is running (logs in ./run/):
  tw-bus      broadcast 7100→7101, frames 7102→7103, store 7104→7105; metrics http://127.0.0.1:9100/metrics

Look at it:
  $bin/tw status            live processes, from their heartbeats
  $bin/tw tap               every bus message as one JSON line (tw tap pos. for positions)
  $bin/tw top               message rates per topic

Ctrl-C stops everything.
MSG
wait
