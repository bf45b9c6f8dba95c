#!/usr/bin/env bash
# Fuzzes the storage API with schemathesis against its own /api/openapi.json: a throw-away tw-bus
# and tw-storage (SQLite in a temporary directory, an API token) on free loopback ports, every
# schemathesis check, a bearer token on each request. Exit 0 only with no failure (no 5xx, the
# document and the server agree, every error a JSON error as documented).
# Usage: scripts/api-fuzz.sh            MAX_EXAMPLES per operation (default 100; CI passes 10)
# Needs: schemathesis (pip), the debug binaries (BIN=.build/debug by default).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$repo/.build/debug}
examples=${MAX_EXAMPLES:-100}
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
base=$(python3 -c 'import socket,random
while True:
    b=random.randrange(20000,60000,10); ok=True
    for p in range(b,b+6):
        s=socket.socket()
        try: s.bind(("127.0.0.1",p))
        except OSError: ok=False
        s.close()
    if ok: print(b); break')
api=$(port)
token=fuzz-$RANDOM$RANDOM
"$bin/tw-bus" --http off --bus "127.0.0.1:$base" \
  --broadcast-in "@tcp://127.0.0.1:$base" --broadcast-out "@tcp://127.0.0.1:$((base + 1))" \
  --frames-in "@tcp://127.0.0.1:$((base + 2))" --frames-out "@tcp://127.0.0.1:$((base + 3))" \
  --store-in "@tcp://127.0.0.1:$((base + 4))" --store-out "@tcp://127.0.0.1:$((base + 5))" >"$work/bus.log" 2>&1 &
pids+=($!)
"$bin/tw-storage" --bus "127.0.0.1:$base" --db "$work/fuzz.db" --http "127.0.0.1:$api" --api-token "$token" >"$work/storage.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$api/healthz" 2>/dev/null && break; sleep 0.2; done
start=$(date +%s)
status=0
# From the temporary directory: schemathesis keeps its example database in ./.schemathesis.
(cd "$work" && schemathesis run "http://127.0.0.1:$api/api/openapi.json" --checks all --max-examples "$examples" \
  -H "Authorization: Bearer $token" --workers 1 --no-color) | tee "$work/fuzz.out" || status=${PIPESTATUS[0]}
echo "api-fuzz: ${examples} examples per operation, $(( $(date +%s) - start )) s, exit $status"
if [ $status -ne 0 ]; then tail -20 "$work/storage.log"; fi
exit $status
