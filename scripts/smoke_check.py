#!/usr/bin/env python3
"""make smoke's check: within the deadline, the storage API holds positions from every simulated
device and the push stream (SSE) delivers positions from every one of them. With --status, also
that every decoder and geofence shard did work (tw status --json) and, with --events, that no
geofence event went over the bus twice (a tw tap evt. capture) while storage saw events."""
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


def check_scaled_stages(status_path, decoders, geofences):
    """Every decoder took frames and every geofence shard took positions, by their heartbeats."""
    instances = [json.loads(line) for line in open(status_path) if line.startswith("{")]
    def work(stage, counter):
        return {i["instance"]: int(i.get("counters", {}).get(counter, 0)) for i in instances if i.get("stage") == stage}
    decoding = work("decoder", "received")
    shards = work("geofence", "received.pos")
    problems = []
    if len(decoding) != decoders or not all(decoding.values()):
        problems.append(f"expected {decoders} decoders all with frames, tw status shows {decoding}")
    if len(shards) != geofences or not all(shards.values()):
        problems.append(f"expected {geofences} geofence shards all with positions, tw status shows {shards}")
    if problems:
        sys.exit("smoke: FAILED: " + "; ".join(problems))
    print(f"smoke: {decoders} decoders and {geofences} geofence shards all did work: {decoding} {shards}")


def check_events(events_path, api):
    """No event id twice on the bus; storage holds every event the shards raised."""
    ids = [json.loads(line)["body"]["id"] for line in open(events_path) if line.startswith("{")]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        sys.exit(f"smoke: FAILED: events published twice: {doubled[:5]}")
    with urllib.request.urlopen(f"{api}/api/events?limit=1000", timeout=5) as response:
        stored = json.load(response)
    if isinstance(stored, dict):
        stored = stored.get("events", stored.get("items", []))
    stored_ids = [e.get("id") for e in stored]
    if len(stored_ids) != len(set(stored_ids)):
        sys.exit("smoke: FAILED: the storage API lists an event twice")
    print(f"smoke: {len(ids)} geofence events on the bus, none doubled; storage lists {len(stored_ids)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", required=True)
    parser.add_argument("--push", required=True)
    parser.add_argument("--devices", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--status", help="tw status --json output to check the scaled stages in")
    parser.add_argument("--decoders", type=int, default=1)
    parser.add_argument("--geofences", type=int, default=1)
    parser.add_argument("--events", help="tw tap evt. output to check for doubled events")
    args = parser.parse_args()
    if args.status:
        check_scaled_stages(args.status, args.decoders, args.geofences)
        if args.events:
            check_events(args.events, args.api)
        return
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
