#!/usr/bin/env python3
"""The pipeline across five hosts on one machine: network namespaces on a bridge, two buses, CURVE
and durable acks, one fault at a time under `tw sim` load.

    scripts/multihost.py [--quick] [--devices N] [--only NAME,...] [--report FILE] [--bin DIR] [--keep]

Hosts (namespaces tw-mh-*, veths on the bridge tw-mh0, 10.77.0.0/24, all removed on exit):

    bus1   10.77.0.1  tw-bus A
    ingest 10.77.0.2  tw-bus B, tw-gateway, two tw-decoders
    store  10.77.0.3  PostgreSQL, two tw-storage writers
    geo    10.77.0.4  two tw-geofence shards (three after "reshard"), tw-push
    sim    10.77.0.5  tw sim (GT06, Teltonika, OsmAnd: the protocols that ack positions)

Every stage connects to both buses (`--bus 10.77.0.1,10.77.0.2`). Each scenario starts a fresh
pipeline, drives the fleet, injects its fault after a steady start and compares `tw sim --ledger`
(every position a device got an ack for) with PostgreSQL afterwards; a WebSocket client on push
counts what reached it twice:

    acked      positions acknowledged to a device
    stored     of those, how many are in PostgreSQL
    lost       acked and not stored: must be 0
    pushed     positions the WebSocket client received
    dup pos    positions the WebSocket stream carried twice (same device, fix, receive time): must be 0
    events     events (geofence and device events) the WebSocket client received
    dup evt    event ids the WebSocket stream carried twice: must be 0
    re-enter   enters (distinct ids) into a fence the device had entered and not left: shown, not
               judged (a shard that starts without the device's state enters it again)
    recover s  from the end of the fault (a killed bus: the kill; a link: when it is up again) until acks
               flow at 80 % of the pre-fault rate for 3 s in a row; — if not before the fleet stopped

Exit status 1 when a scenario lost a position or delivered a duplicate. Needs root (ip netns).
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaos  # noqa: E402  (Postgres, http_ok, stop_process, recovery: the chaos suite's, shared)

REPO = chaos.REPO
PREFIX = "tw-mh-"
BRIDGE = "tw-mh0"
HOSTS = {"bus1": 1, "ingest": 2, "store": 3, "geo": 4, "sim": 5}
PROTOCOL_PORTS = {"gt06": 5023, "teltonika": 5027, "osmand": 5055}


def ip(host):
    return f"10.77.0.{HOSTS[host]}"


def sh(*args, check=True):
    return subprocess.run(list(args), check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Network:
    """Five namespaces, each with a veth to one bridge in the root namespace (which has 10.77.0.254)."""

    def up(self):
        self.down()
        sh("ip", "link", "add", BRIDGE, "type", "bridge")
        sh("ip", "addr", "add", "10.77.0.254/24", "dev", BRIDGE)
        sh("ip", "link", "set", BRIDGE, "up")
        for host in HOSTS:
            ns, veth = PREFIX + host, self.veth(host)
            sh("ip", "netns", "add", ns)
            sh("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns)
            sh("ip", "link", "set", veth, "master", BRIDGE)
            sh("ip", "link", "set", veth, "up")
            sh("ip", "netns", "exec", ns, "ip", "addr", "add", f"{ip(host)}/24", "dev", "eth0")
            sh("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up")
            sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")

    @staticmethod
    def veth(host):
        return f"tw-mh-{host}"[:15]

    def link(self, host, up):
        sh("ip", "link", "set", self.veth(host), "up" if up else "down")

    def down(self):
        for host in HOSTS:
            out = subprocess.run(["ip", "netns", "pids", PREFIX + host], capture_output=True, text=True).stdout.split()
            for pid in out:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
            sh("ip", "netns", "del", PREFIX + host, check=False)
            sh("ip", "link", "del", self.veth(host), check=False)
        sh("ip", "link", "del", BRIDGE, check=False)


class NamespacedPostgres(chaos.Postgres):
    """The chaos suite's throw-away server, run inside the store host's namespace."""

    def _run(self, args, as_user=True):
        command = [os.path.join(self.bin, args[0])] + args[1:]
        if self.user and as_user:
            command = ["runuser", "-u", self.user, "--"] + command
        subprocess.run(["ip", "netns", "exec", PREFIX + "store"] + command, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def query(self, sql):
        out = subprocess.run(["ip", "netns", "exec", PREFIX + "store", "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "tw",
                              "-d", "trackwire", "-At", "-F", ",", "-c", sql], check=True, capture_output=True, text=True).stdout
        return [line.split(",") for line in out.splitlines() if line]


def keypair(bin_dir):
    out = subprocess.run([os.path.join(bin_dir, "tw"), "keygen"], check=True, capture_output=True, text=True).stdout
    pairs = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return pairs["TW_CURVE_PUBLIC_KEY"], pairs["TW_CURVE_SECRET_KEY"]


class StreamWatcher:
    """A WebSocket client on push (from the root namespace), counting repeated positions and events."""

    def __init__(self, url):
        self.url, self.positions, self.events, self.kinds, self.stop = url, [], [], [], False
        self.thread = threading.Thread(target=lambda: asyncio.run(self.run()), daemon=True)
        self.thread.start()

    async def run(self):
        import websockets
        while not self.stop:
            try:
                async with websockets.connect(self.url, max_size=None, max_queue=4096) as ws:
                    while not self.stop:
                        try:
                            message = json.loads(await asyncio.wait_for(ws.recv(), 0.5))
                        except asyncio.TimeoutError:
                            continue
                        data = message.get("data") or {}
                        if message.get("type") == "position":
                            self.positions.append((data.get("device_id"), data.get("fix_time_ms"), data.get("server_time_ns")))
                        elif message.get("type") == "event":
                            self.events.append(data.get("id"))
                            self.kinds.append((data.get("id"), data.get("kind"), data.get("device_id"), data.get("geofence_id")))
            except Exception:
                await asyncio.sleep(0.5)

    def reentered(self):
        """Enters of a device into a fence it had entered and not left since (distinct ids)."""
        inside, count, seen = set(), 0, set()
        for event_id, kind, device, fence in self.kinds:
            if event_id in seen:
                continue
            seen.add(event_id)
            if kind == "enter":
                count += (device, fence) in inside
                inside.add((device, fence))
            elif kind == "exit":
                inside.discard((device, fence))
        return count

    def finish(self):
        self.stop = True
        self.thread.join(timeout=5)
        return (len(self.positions) - len(set(self.positions)), len(self.events) - len(set(self.events)),
                len(self.positions), len(self.events))


class Pipeline:
    def __init__(self, args, root, shards=2):
        self.args, self.root, self.shards = args, root, shards
        self.procs, self.commands = {}, {}
        self.bus_pair, self.stage_pair = keypair(args.bin), keypair(args.bin)
        self.allow = os.path.join(root, "allow")
        with open(self.allow, "w") as f:
            f.write(self.stage_pair[0] + "\n")
        self.pg = NamespacedPostgres(root, 5544)
        self.env = dict(os.environ, TW_CURVE_SERVER_KEY=self.bus_pair[0], TW_CURVE_PUBLIC_KEY=self.stage_pair[0],
                        TW_CURVE_SECRET_KEY=self.stage_pair[1], TW_BUS=f"{ip('bus1')},{ip('ingest')}", TW_LOG_FORMAT="text")
        self.bus_env = dict(os.environ, TW_CURVE_PUBLIC_KEY=self.bus_pair[0], TW_CURVE_SECRET_KEY=self.bus_pair[1], TW_CURVE_ALLOW=self.allow)

    def define(self):
        exe = lambda n: os.path.join(self.args.bin, n)
        fences = os.path.join(REPO, "deploy/demo/geofences.geojson")
        self.commands = {
            "bus-a": ("bus1", [exe("tw-bus"), "--bus", ip("bus1"), "--http", f"{ip('bus1')}:9100", "--instance", "bus-a"], self.bus_env),
            "bus-b": ("ingest", [exe("tw-bus"), "--bus", ip("ingest"), "--http", f"{ip('ingest')}:9100", "--instance", "bus-b"], self.bus_env),
            "gateway": ("ingest", [exe("tw-gateway"), "--http", f"{ip('ingest')}:9102", "--instance", "gateway", "--ack", "durable",
                                   "--ack-timeout", "5s", "--listen-host", ip("ingest"),
                                   "--listen", ",".join(f"{p}:{'http' if p == 'osmand' else 'tcp'}:{port}" for p, port in PROTOCOL_PORTS.items())], self.env),
            "push": ("geo", [exe("tw-push"), "--http", f"{ip('geo')}:8090", "--instance", "push", "--outbox", os.path.join(self.root, "outbox.db")], self.env),
        }
        for i in (1, 2):
            self.commands[f"decoder-{i}"] = ("ingest", [exe("tw-decoder"), "--http", "off", "--instance", f"decoder-{i}"], self.env)
            self.commands[f"storage-{i}"] = ("store", [exe("tw-storage"), "--db", self.pg.url, "--http", f"{ip('store')}:{8081 + i}",
                                                       "--instance", f"storage-{i}"], self.env)
        for i in range(self.shards):
            self.commands[f"geofence-{i}"] = ("geo", [exe("tw-geofence"), "--http", "off", "--instance", f"geofence-{i}", "--geofences", fences,
                                                      "--shard", f"{i}/{self.shards}",
                                                      "--state-dir", os.path.join(self.root, f"geofence-{i}-of-{self.shards}")], self.env)

    def launch(self, name):
        host, command, env = self.commands[name]
        log = open(os.path.join(self.root, name + ".log"), "ab")
        self.procs[name] = subprocess.Popen(["ip", "netns", "exec", PREFIX + host] + command, env=env, stdout=log, stderr=subprocess.STDOUT)

    def start(self):
        self.define()
        for name in ["bus-a", "bus-b", "storage-1", "storage-2", "push"] + [f"geofence-{i}" for i in range(self.shards)] \
                + ["decoder-1", "decoder-2", "gateway"]:
            self.launch(name)
        for url, what in [(f"http://{ip('store')}:8082/healthz", "storage-1"), (f"http://{ip('store')}:8083/healthz", "storage-2"),
                          (f"http://{ip('geo')}:8090/healthz", "push"), (f"http://{ip('ingest')}:9102/healthz", "gateway")]:
            chaos.Pipeline.wait(self, lambda: chaos.http_ok(url), 90, what)

    def stop(self, name, sig=signal.SIGTERM):
        chaos.stop_process(self.procs.get(name), sig)

    def stop_all(self):
        for name in ["gateway", "decoder-1", "decoder-2"] + [n for n in self.procs if n.startswith("geofence-")] \
                + ["push", "storage-1", "storage-2", "bus-a", "bus-b"]:
            self.stop(name)

    def stored(self):
        return {(d, int(t)) for d, t in self.pg.query("SELECT device_id, fix_time_ms FROM positions")}


class Scenario:
    def __init__(self, name, note, fault):
        self.name, self.note, self.fault = name, note, fault


def scenarios(outage):
    return [
        Scenario("kill bus A", "SIGKILL tw-bus A, not restarted", lambda p, n: p.procs["bus-a"].kill()),
        Scenario("kill storage writer", f"SIGKILL storage-1, restarted after {outage} s", "restart:storage-1"),
        Scenario("kill geofence shard", f"SIGKILL geofence-1, restarted after {outage} s", "restart:geofence-1"),
        Scenario("store host link down", f"`ip link set down` on the store host's veth for {outage} s", "link:store"),
        Scenario("reshard geofence 2→3", "both shards stopped (SIGTERM), three started with --shard i/3", "reshard"),
    ]


def inject(pipeline, network, scenario, outage):
    """Does the scenario's fault and returns when it ended (time.time()): a bus killed for good
    ends at once and is then watched for `outage` seconds; the others end when undone."""
    fault = scenario.fault
    ended = None
    if callable(fault):
        fault(pipeline, network)
        ended = time.time()
        time.sleep(outage)
    elif fault.startswith("restart:"):
        name = fault.split(":", 1)[1]
        pipeline.stop(name, signal.SIGKILL)
        time.sleep(outage)
        pipeline.launch(name)
    elif fault.startswith("link:"):
        host = fault.split(":", 1)[1]
        network.link(host, False)
        time.sleep(outage)
        network.link(host, True)
    elif fault == "reshard":
        for i in range(pipeline.shards):
            pipeline.stop(f"geofence-{i}")
        pipeline.shards = 3
        pipeline.define()
        for i in range(3):
            pipeline.launch(f"geofence-{i}")
        ended = time.time()
        time.sleep(outage)
    return ended or time.time()


def run_scenario(args, network, scenario, index):
    root = tempfile.mkdtemp(prefix="tw-multihost-")
    os.chmod(root, 0o755)
    result = {"scenario": scenario.name, "note": scenario.note}
    pipeline = watcher = None
    try:
        network.up()
        pipeline = Pipeline(args, root)
        pipeline.start()
        watcher = StreamWatcher(f"ws://{ip('geo')}:8090/ws?all")
        ledger = os.path.join(root, "ledger.csv")
        duration = args.warmup + args.outage + args.settle
        ports = [a for name, port in PROTOCOL_PORTS.items() for a in ("--port", f"{name}={port}")]
        sim = subprocess.Popen(["ip", "netns", "exec", PREFIX + "sim", os.path.join(args.bin, "tw"), "sim", "--devices", str(args.devices),
                                "--rate", "1", "--protocols", "gt06,teltonika,osmand", "--gateway", ip("ingest"), "--duration", f"{duration}s",
                                "--drain", "40s", "--area", "52.515,13.38,4", "--ledger", ledger, "--json",
                                "--id-base", str(863_000_000_000_000 + index * 100_000)] + ports,
                               stdout=subprocess.PIPE, stderr=open(os.path.join(root, "sim.log"), "ab"), text=True)
        started = time.time()
        seconds = []
        reader = threading.Thread(target=lambda: seconds.extend(json.loads(l) for l in sim.stdout if l.startswith("{")), daemon=True)
        reader.start()
        time.sleep(args.warmup)
        fault_start = time.time() - started
        fault_end = inject(pipeline, network, scenario, args.outage) - started
        sim.wait(timeout=duration + 120)
        reader.join(timeout=10)
        with open(os.path.join(root, "sim-seconds.jsonl"), "w") as f:
            f.writelines(json.dumps(second) + "\n" for second in seconds)
        time.sleep(2)
        dup_positions, dup_events, pushed, events = watcher.finish()
        result["reentered"] = watcher.reentered()
        pipeline.stop_all()
        with open(ledger) as f:
            acked = {(d, int(t)) for d, t in (line.strip().split(",") for line in f if line.strip())}
        stored = pipeline.stored()
        lost = len(acked - stored)
        result.update(acked=len(acked), stored=len(acked & stored), lost=lost, dup_positions=dup_positions, dup_events=dup_events,
                      pushed=pushed, events=events, recover_s=chaos.recovery(seconds, fault_start, fault_end, chaos.Scenario(scenario.name, None, "fault"), hold=3))
        result["ok"] = lost == 0 and dup_positions == 0 and dup_events == 0 and len(acked) > 0
    except Exception as error:
        result.update(ok=False, error=str(error))
    finally:
        if watcher:
            watcher.stop = True
        if pipeline:
            pipeline.stop_all()
            try:
                pipeline.pg.stop()
            except Exception:
                pass
        network.down()
    result["logs"] = root
    if result.get("ok") and not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return result


def table(results):
    lines = ["| scenario | what was done | acked | stored | lost | pushed | dup pos | events | dup evt | re-enter | recover s | result |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        v = lambda k: "—" if r.get(k) is None else str(r[k])
        lines.append(f"| {r['scenario']} | {r['note']} | {v('acked')} | {v('stored')} | {v('lost')} | {v('pushed')} | {v('dup_positions')} | "
                     f"{v('events')} | {v('dup_events')} | {v('reentered')} | {v('recover_s')} | {'pass' if r.get('ok') else 'FAIL ' + r.get('error', '')} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI's short run: 60 devices, 10 s faults (about 6 minutes)")
    parser.add_argument("--devices", type=int)
    parser.add_argument("--only", default="")
    parser.add_argument("--report", help="write the table (markdown) to this file")
    parser.add_argument("--bin", default=os.environ.get("BIN") or next(
        (d for d in [os.path.join(REPO, ".build/release"), os.path.join(REPO, ".build/debug")] if os.path.exists(os.path.join(d, "tw-bus"))), ""))
    parser.add_argument("--keep", action="store_true", help="keep every scenario's logs")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("multihost: needs root (network namespaces)", file=sys.stderr)
        return 2
    args.devices = args.devices or (60 if args.quick else 300)
    args.warmup, args.outage, args.settle = (8, 10, 15) if args.quick else (10, 30, 40)
    chosen = [s for s in scenarios(args.outage) if not args.only or s.name in args.only.split(",")]
    network = Network()
    signal.signal(signal.SIGTERM, lambda *_: (network.down(), sys.exit(1)))
    results = []
    try:
        for index, scenario in enumerate(chosen):
            print(f"multihost: {scenario.name} ...", flush=True)
            results.append(run_scenario(args, network, scenario, index))
            print(f"  {json.dumps(results[-1])}", flush=True)
    finally:
        network.down()
    print(table(results))
    if args.report:
        with open(args.report, "w") as f:
            f.write(f"# make multihost\n\n{time.strftime('%Y-%m-%d', time.gmtime())}: binaries {os.path.relpath(args.bin, REPO)}, "
                    f"{args.devices} devices, {args.outage} s faults; what each column means: docs/scale-out.md, "
                    f"\"The multihost run\" (scripts/multihost.py --report).\n\n{table(results)}\n")
    return 0 if results and all(r.get("ok") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
