#!/usr/bin/env bash
# Starts the local pipeline from the binaries in $1 (logs under ./run/) and stops it all,
# gracefully, on Ctrl-C.
set -euo pipefail
bin=${1:-.build/release}
decoders=${DECODERS:-2}
mkdir -p run data
pids=()
stop() {
  trap - INT TERM
  echo; echo "stopping (SIGTERM, each process drains and exits)..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait
  echo "stopped."
}
trap stop INT TERM
start() {
  local name=$1; shift
  "$bin/$name" "$@" >"run/$name${instance:+-$instance}.log" 2>&1 &
  pids+=($!)
}
instance="" start tw-bus
sleep 0.5
instance="" start tw-gateway
for i in $(seq 1 "$decoders"); do instance=$i start tw-decoder --instance "decoder-$i"; done
sleep 1
cat <<MSG

Trackwire is running (logs in ./run/):
  tw-bus       broadcast 7100→7101, frames 7102→7103, store 7104→7105   metrics http://127.0.0.1:9100/metrics
  tw-gateway   devices on Traccar's ports: gt06 5023, teltonika 5027 (tcp+udp), osmand http 5055,
               h02 5013, gps103 5001, tk103 5002, gl200 5004, meitrack 5020, suntech 5011, watch 5093
               metrics http://127.0.0.1:9101/metrics
  tw-decoder   x$decoders

Look at it:
  $bin/tw status              live processes, from their heartbeats
  $bin/tw tap pos.            every decoded position as one JSON line (tw tap for everything)
  $bin/tw top                 message rates per topic
  curl 'http://127.0.0.1:5055/?id=demo1&lat=52.52&lon=13.40'    an OsmAnd position, then watch tw tap

Not built yet: storage, geofence, push and tw sim (see the issues). Ctrl-C stops everything.
MSG
wait
