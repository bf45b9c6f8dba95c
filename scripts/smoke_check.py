#!/usr/bin/env python3
"""make smoke's check: within the deadline, the storage API holds positions from every simulated
device and the push stream (SSE) delivers positions from every one of them."""
import argparse
import json
import sys
import time
import urllib.request


def stored_devices(api):
    with urllib.request.urlopen(f"{api}/api/devices", timeout=5) as response:
        devices = json.load(response)
    if isinstance(devices, dict):
        devices = devices.get("devices", [])
    return {d["id"] for d in devices if d.get("last_position")}


def pushed_devices(push, expected, deadline):
    """Reads /sse?all until every expected device has sent a position or the deadline passes."""
    seen = set()
    remaining = max(1.0, deadline - time.monotonic())
    with urllib.request.urlopen(f"{push}/sse?all", timeout=remaining) as stream:
        for raw in stream:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("type") == "position":
                    seen.add(message.get("device"))
                    if expected <= seen:
                        return seen
            if time.monotonic() > deadline:
                break
    return seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", required=True)
    parser.add_argument("--push", required=True)
    parser.add_argument("--devices", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds

    stored = set()
    while time.monotonic() < deadline:
        try:
            stored = stored_devices(args.api)
        except OSError as error:
            print(f"smoke: storage API not answering yet: {error}", file=sys.stderr)
        if len(stored) >= args.devices:
            break
        time.sleep(0.5)
    if len(stored) < args.devices:
        sys.exit(f"smoke: FAILED: storage holds positions from {len(stored)} of {args.devices} devices")
    print(f"smoke: storage holds positions from all {len(stored)} devices")

    pushed = pushed_devices(args.push, stored, deadline)
    missing = stored - pushed
    if missing:
        sys.exit(f"smoke: FAILED: the push stream delivered {len(pushed & stored)} of {len(stored)} devices "
                 f"(missing e.g. {sorted(missing)[:5]})")
    print(f"smoke: the push stream delivered positions from all {len(stored)} devices")


if __name__ == "__main__":
    main()
