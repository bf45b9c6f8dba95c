#!/usr/bin/env bash
# Starts tw-bus, tw-push and a demo fleet on free loopback ports, loads the live map in headless
# Chromium while positions flow, and saves the screenshot (default docs/live-map.png).
set -euo pipefail
bin=${1:-.build/debug}
out=${2:-docs/live-map.png}
command -v chromium >/dev/null || { echo "chromium is missing (scripts/install-deps.sh installs it)"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
base=$(python3 -c '
import socket
while True:
    s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]; s.close()
    try:
        held=[socket.socket() for _ in range(6)]
        [h.bind(("127.0.0.1",p+i)) for i,h in enumerate(held)]
        print(p); break
    except OSError: pass
')
http=$(free_port)
state=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$state"; }
trap cleanup EXIT
flags=(--broadcast-in --broadcast-out --frames-in --frames-out --store-in --store-out)
bus_args=(--http off --log-level warning)
for i in 0 1 2 3 4 5; do bus_args+=("${flags[$i]}" "@tcp://127.0.0.1:$((base + i))"); done
"$bin/tw-bus" "${bus_args[@]}" & pids+=($!)
"$bin/tw-push" --bus "127.0.0.1:$base" --http "127.0.0.1:$http" --log-level warning --outbox "$state/outbox.sqlite" & pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$http/healthz" >/dev/null && break; sleep 0.1; done
# Push subscribes only to what clients watch: an SSE watcher of everything makes it keep the
# fleet's recent history, which the map then draws as tails (?tail=30) the moment it connects.
curl -sN "http://127.0.0.1:$http/sse?all" >/dev/null & pids+=($!)
sleep 0.5
python3 "$(dirname "$0")/demo-fleet.py" "tcp://127.0.0.1:$base" 60 6 & pids+=($!)
sleep 5
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,800 \
  --virtual-time-budget=6000 --screenshot="$out" "http://127.0.0.1:$http/" 2>/dev/null
echo "saved $out"
