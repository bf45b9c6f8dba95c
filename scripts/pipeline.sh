#!/usr/bin/env bash
# The local pipeline: every stage as a background process, logs and pids under ./run/.
#
#   scripts/pipeline.sh run     start everything, print where to look, stop it all on Ctrl-C
#   scripts/pipeline.sh up      start everything in the background
#   scripts/pipeline.sh down    stop everything gracefully (producers first, the bus last)
#   scripts/pipeline.sh status  tw status
#   scripts/pipeline.sh smoke   up on a fresh data dir, check storage and push see every device, down
#
# Scale with DECODERS=, GEOFENCES= (shards), STORAGES= (more than one needs TW_DB=postgres://...),
# DEVICES= and PROTOCOLS= for tw sim, BIN= for the binaries (default .build/release).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.build/release}
DECODERS=${DECODERS:-2}
GEOFENCES=${GEOFENCES:-1}
STORAGES=${STORAGES:-1}
DEVICES=${DEVICES:-100}
PROTOCOLS=${PROTOCOLS:-gt06,teltonika,osmand,h02,watch}
RUN_DIR=${RUN_DIR:-run}
DATA_DIR=${DATA_DIR:-data}
STORAGE_API=http://127.0.0.1:8082
PUSH_URL=http://127.0.0.1:8090
PIDS="$RUN_DIR/pids"

say() { echo "pipeline: $*"; }
die() { echo "pipeline: $*" >&2; exit 1; }

# start NAME LOGNAME ARGS...: one background process, its pid recorded in start order.
start() {
  local name=$1 log=$2; shift 2
  [ -x "$BIN/$name" ] || die "$BIN/$name is missing; build first (make release)"
  nohup "$BIN/$name" "$@" >"$RUN_DIR/$log.log" 2>&1 &
  echo "$! $log" >>"$PIDS"
}

# wait_for URL SECONDS: until the URL answers 2xx.
wait_for() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "$url did not answer within $2 s (see $RUN_DIR/*.log)"
    sleep 0.2
  done
}

running() {
  [ -s "$PIDS" ] || return 1
  while read -r pid _; do kill -0 "$pid" 2>/dev/null && return 0; done <"$PIDS"
  return 1
}

storage_db() {
  if [ -n "${TW_DB:-}" ]; then echo "$TW_DB"; return; fi
  [ "$STORAGES" = 1 ] || die "STORAGES=$STORAGES needs PostgreSQL (TW_DB=postgres://...): SQLite allows one writer"
  echo "sqlite:$DATA_DIR/trackwire.db"
}

load_demo_geofences() {
  python3 - "$STORAGE_API" deploy/demo/geofences.geojson <<'PY'
import json, sys, urllib.request
api, path = sys.argv[1], sys.argv[2]
for feature in json.load(open(path))["features"]:
    request = urllib.request.Request(f"{api}/api/geofences/{feature['id']}", data=json.dumps(feature).encode(),
                                     method="PUT", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).read()
PY
}

up() {
  running && die "already running (scripts/pipeline.sh down first)"
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  : >"$PIDS"
  local db; db=$(storage_db)
  start tw-bus tw-bus
  sleep 0.3
  for i in $(seq 1 "$STORAGES"); do
    local http=127.0.0.1:$((8082 + i - 1))
    start tw-storage "tw-storage-$i" --instance "storage-$i" --db "$db" --http "$http"
  done
  start tw-push tw-push --instance push-1 --api "$STORAGE_API"
  wait_for "$STORAGE_API/healthz" 60
  wait_for "$PUSH_URL/healthz" 60
  load_demo_geofences
  for i in $(seq 0 $((GEOFENCES - 1))); do
    start tw-geofence "tw-geofence-$i" --instance "geofence-$i" --shard "$i/$GEOFENCES" \
      --geofences-from "$STORAGE_API/api/geofences" --state-dir "$DATA_DIR/geofence-$i-of-$GEOFENCES"
  done
  for i in $(seq 1 "$DECODERS"); do start tw-decoder "tw-decoder-$i" --instance "decoder-$i"; done
  start tw-gateway tw-gateway --instance gateway-1
  sleep 1
  start tw sim sim --devices "$DEVICES" --protocols "$PROTOCOLS" --gateway 127.0.0.1
}

down() {
  [ -s "$PIDS" ] || { say "nothing running"; return 0; }
  # Producers stop first so every stage downstream can drain what they sent; the bus goes last.
  local order; order=$(tac "$PIDS")
  local bus_pid=""
  while read -r pid name; do
    [ "$name" = tw-bus ] && { bus_pid=$pid; continue; }
    stop_one "$pid" "$name"
  done <<<"$order"
  [ -n "$bus_pid" ] && stop_one "$bus_pid" tw-bus
  rm -f "$PIDS"
}

# stop_one PID NAME: SIGTERM, up to 30 s to drain, then SIGKILL (said out loud).
stop_one() {
  local pid=$1 name=$2
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "$name ($pid) did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

banner() {
  cat <<MSG

Trackwire is running: $DEVICES simulated devices ($PROTOCOLS), logs in ./$RUN_DIR/
  live map        $PUSH_URL/
  storage API     $STORAGE_API/api/devices   (docs/api.md; $STORAGE_API/api/openapi.json)
  positions       $STORAGE_API/api/positions/latest
  events          $STORAGE_API/api/events?kind=enter
  stream          curl -N '$PUSH_URL/sse?all'
  the bus         $BIN/tw tap pos.        $BIN/tw tap evt.        $BIN/tw top        $BIN/tw status
  stages          tw-bus, tw-gateway (Traccar's ports), tw-decoder x$DECODERS, tw-geofence x$GEOFENCES,
                  tw-storage x$STORAGES ($(storage_db)), tw-push, tw sim
MSG
}

smoke() {
  local deadline_s=${SMOKE_SECONDS:-30}
  RUN_DIR=$RUN_DIR/smoke
  DATA_DIR=$RUN_DIR/data
  rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR"
  PIDS="$RUN_DIR/pids"
  trap 'down >/dev/null 2>&1 || true' EXIT
  up
  local started=$SECONDS
  "$BIN/tw" tap evt. >"$RUN_DIR/events.jsonl" 2>"$RUN_DIR/tap.log" &
  local tap_pid=$!
  say "waiting up to ${deadline_s}s for positions from all $DEVICES devices in storage and on the push stream"
  python3 scripts/smoke_check.py --api "$STORAGE_API" --push "$PUSH_URL" --devices "$DEVICES" --seconds "$deadline_s"
  say "positions checked in $((SECONDS - started)) s; waiting for geofence events (up to 60 s)"
  local until=$((SECONDS + 60))
  until [ "$(grep -c '^{' "$RUN_DIR/events.jsonl" || true)" -ge 3 ] || [ $SECONDS -ge $until ]; do sleep 1; done
  sleep 2
  "$BIN/tw" status --json --wait 3 >"$RUN_DIR/status.jsonl"
  kill "$tap_pid" 2>/dev/null || true
  wait "$tap_pid" 2>/dev/null || true
  [ "$(grep -c '^{' "$RUN_DIR/events.jsonl" || true)" -ge 1 ] || die "no geofence event within 60 s (see $RUN_DIR/*.log)"
  python3 scripts/smoke_check.py --api "$STORAGE_API" --push "$PUSH_URL" --devices "$DEVICES" \
    --status "$RUN_DIR/status.jsonl" --decoders "$DECODERS" --geofences "$GEOFENCES" --events "$RUN_DIR/events.jsonl"
  down
  trap - EXIT
  say "smoke passed in $((SECONDS - started)) s"
}

case "${1:-}" in
  up) up; banner ;;
  down) down ;;
  status) "$BIN/tw" status ;;
  run)
    up
    trap 'echo; say "stopping (each stage drains and exits)"; down; exit 0' INT TERM
    banner
    echo "  Ctrl-C stops everything."
    while running; do sleep 1; done
    ;;
  smoke) smoke ;;
  *) die "usage: $0 run|up|down|status|smoke" ;;
esac
