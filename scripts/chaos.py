#!/usr/bin/env python3
"""The chaos suite: the whole pipeline under `tw sim` load, one fault at a time, every position a
device was acknowledged for looked up in the database afterwards.

    scripts/chaos.py [--quick] [--devices N] [--rate R] [--only NAME,...] [--report FILE] [--bin DIR]

Each scenario starts a fresh pipeline (tw-bus, tw-storage on SQLite or PostgreSQL, two tw-decoders,
tw-geofence, tw-push, tw-gateway) on its own ports and data directory, drives it with `tw sim
--ledger` (GT06 over TCP, Teltonika over TCP, OsmAnd over HTTP: the protocols that ack positions),
injects its fault after a steady start, lets the pipeline recover, and then compares the ledger (every
position a device got an ack for) with the positions table:

    acked      positions acknowledged to a device (ledger lines)
    stored     of those, how many are in the database
    lost       acked and not stored: must be 0
    dup rows   rows beyond one per distinct (device, fix time, position): must be 0
    recover s  from the end of the fault until acks flow at 80 % of the pre-fault rate again
    bus CPU    tw-bus's CPU during the fault, % of one core (no spinning while a side waits)

Exit status 1 when any scenario lost a position or stored a duplicate, or when tw-bus used 5 % of a
core or more while store-queue messages waited with no storage connected.
`make chaos` runs every scenario with 500 devices and writes docs/reliability.md; CI runs --quick.
"""

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS_WARMUP = [10]  # the run's warm-up, for the scenario that waits for the simulator to stop
PROTOCOLS = "gt06,teltonika,osmand"


class Scenario:
    """One fault: what to do to which process, for how long, and in which ack mode."""

    def __init__(self, name, target, fault, outage=30, ack="durable", db="sqlite", note="", load_seconds=None):
        self.name, self.target, self.fault, self.outage = name, target, fault, outage
        self.ack, self.db, self.note = ack, db, note
        # How long the simulator sends (default: through the fault and the settling time after it).
        self.load_seconds = load_seconds


def scenarios(quick):
    outage = 10 if quick else 30
    gap = 5 if quick else 10
    kinds = []
    kinds.append(Scenario("baseline", None, "none", gap, note=f"no fault (bus CPU over {gap} s of steady load, for comparison)"))
    for target in ["storage", "decoder-1", "gateway", "geofence", "push", "bus"]:
        kinds.append(Scenario(f"kill -9 {target}", target, "kill", gap, note=f"SIGKILL, restarted {gap} s later"))
    for target in ["storage", "decoder-1", "gateway", "geofence", "push", "bus"]:
        kinds.append(Scenario(f"SIGTERM {target}", target, "term", gap, note=f"SIGTERM, restarted {gap} s later"))
    kinds.append(Scenario("store queue waits, no storage", "storage", "idle", outage,
                          note=f"storage killed, the load stopped, tw-bus measured for {outage} s while store messages wait, storage restarted",
                          load_seconds=9 if quick else 13))
    kinds.append(Scenario("storage frozen", "storage", "stop", outage, note=f"SIGSTOP for {outage} s, then SIGCONT"))
    kinds.append(Scenario("SQLite write lock", "storage", "lock", outage, note=f"another process holds the write lock {outage} s"))
    kinds.append(Scenario("SQLite volume full", "storage", "full", outage, note=f"a full tmpfs under the database for {outage} s"))
    kinds.append(Scenario("PostgreSQL stopped", "storage", "pgstop", outage, db="postgres", note=f"the server stopped for {outage} s"))
    kinds.append(Scenario("storage frozen, receipt acks", "storage", "stop", outage, ack="receipt", note="--ack receipt"))
    kinds.append(Scenario("SQLite write lock, receipt acks", "storage", "lock", outage, ack="receipt", note="--ack receipt"))
    if quick:
        keep = {"kill -9 storage", "kill -9 decoder-1", "kill -9 bus", "store queue waits, no storage", "storage frozen",
                "SQLite write lock", "storage frozen, receipt acks"}
        kinds = [k for k in kinds if k.name in keep]
    return kinds


def cpu_seconds(pid):
    """utime + stime of a process, in seconds; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return None


def stop_process(proc, sig=signal.SIGTERM, patience=40):
    """Signals a running process (after SIGCONT, in case it was stopped) and waits for it; SIGKILL
    after `patience` seconds."""
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGCONT)
        proc.send_signal(sig)
        try:
            proc.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def http_ok(url, timeout=1.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except Exception:
        return False


class Postgres:
    """A throw-away PostgreSQL server (initdb in a temporary directory), as the tests start one."""

    def __init__(self, root, port):
        self.bin = next((d for d in sorted(os.listdir("/usr/lib/postgresql"), reverse=True)), None) if os.path.isdir("/usr/lib/postgresql") else None
        if not self.bin:
            raise RuntimeError("PostgreSQL server binaries are not installed (apt-get install postgresql)")
        self.bin = f"/usr/lib/postgresql/{self.bin}/bin"
        # The server refuses to run as root: as root, its directory (data and log) is postgres's.
        home = os.path.join(root, "pg")
        os.makedirs(home)
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(home, self.user)
            os.chmod(root, 0o755)
        self.data, self.log, self.port = os.path.join(home, "data"), os.path.join(home, "server.log"), port
        self._run(["initdb", "-D", self.data, "-A", "trust", "-U", "tw"])
        self.start()
        self._run(["createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "tw", "trackwire"], as_user=False)
        self.url = f"postgres://tw@127.0.0.1:{port}/trackwire"

    def _run(self, args, as_user=True):
        command = [os.path.join(self.bin, args[0])] + args[1:]
        if self.user and as_user:
            command = ["runuser", "-u", self.user, "--"] + command
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        self._run(["pg_ctl", "-D", self.data, "-w", "-l", self.log, "-o",
                   f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=on", "start"])

    def stop(self):
        self._run(["pg_ctl", "-D", self.data, "-w", "-m", "fast", "stop"])

    def query(self, sql):
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "tw", "-d", "trackwire", "-At", "-F", ",", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [line.split(",") for line in out.splitlines() if line]


class Pipeline:
    """Every stage of one scenario, on ports from `base` and files under `root`."""

    def __init__(self, args, scenario, base, root):
        self.bin, self.base, self.root, self.scenario = args.bin, base, root, scenario
        self.procs, self.commands, self.pg, self.mount = {}, {}, None, None
        self.data = os.path.join(root, "data")
        os.makedirs(self.data, exist_ok=True)
        if scenario.fault == "full":
            self.mount = os.path.join(root, "volume")
            os.makedirs(self.mount)
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", self.mount], check=True)
            self.db_path = os.path.join(self.mount, "trackwire.db")
        else:
            self.db_path = os.path.join(self.data, "trackwire.db")
        if scenario.db == "postgres":
            self.pg = Postgres(root, base + 40)
            self.db = self.pg.url
        else:
            self.db = "sqlite:" + self.db_path
        self.api = f"http://127.0.0.1:{base + 20}"
        self.ports = {"gt06": base + 30, "teltonika": base + 31, "osmand": base + 32}

    def log(self, name):
        return open(os.path.join(self.root, name + ".log"), "ab")

    def launch(self, name):
        self.procs[name] = subprocess.Popen(self.commands[name], stdout=self.log(name), stderr=subprocess.STDOUT)

    def define(self):
        b, bus = self.base, ["--bus", f"127.0.0.1:{self.base}"]
        ends = ["--broadcast-in", "--broadcast-out", "--frames-in", "--frames-out", "--store-in", "--store-out"]
        exe = lambda n: [os.path.join(self.bin, n)]
        self.commands["bus"] = exe("tw-bus") + bus + [a for i, f in enumerate(ends) for a in (f, f"@tcp://127.0.0.1:{b + i}")] \
            + ["--http", f"127.0.0.1:{b + 10}", "--instance", "bus"]
        self.commands["storage"] = exe("tw-storage") + bus + ["--db", self.db, "--http", f"127.0.0.1:{b + 20}", "--instance", "storage"]
        for i in (1, 2):
            self.commands[f"decoder-{i}"] = exe("tw-decoder") + bus + ["--http", "off", "--instance", f"decoder-{i}"]
        self.commands["geofence"] = exe("tw-geofence") + bus + ["--http", "off", "--instance", "geofence",
                                                              "--geofences", os.path.join(REPO, "deploy/demo/geofences.geojson"),
                                                              "--state-dir", os.path.join(self.data, "geofence")]
        self.commands["push"] = exe("tw-push") + bus + ["--http", f"127.0.0.1:{b + 21}", "--instance", "push",
                                                      "--outbox", os.path.join(self.data, "outbox.db")]
        listen = ",".join(f"{p}:{'http' if p == 'osmand' else 'tcp'}:{port}" for p, port in self.ports.items())
        self.commands["gateway"] = exe("tw-gateway") + bus + ["--listen", listen, "--listen-host", "127.0.0.1",
                                                            "--http", f"127.0.0.1:{b + 22}", "--instance", "gateway",
                                                            "--ack", self.scenario.ack]

    def start(self):
        self.define()
        for name in ["bus", "storage", "push", "geofence", "decoder-1", "decoder-2", "gateway"]:
            self.launch(name)
            if name == "bus":
                self.wait(lambda: http_ok(f"http://127.0.0.1:{self.base + 10}/healthz"), 20, "tw-bus")
        self.wait(lambda: http_ok(self.api + "/healthz"), 60, "tw-storage")
        self.wait(lambda: http_ok(f"http://127.0.0.1:{self.base + 21}/healthz"), 60, "tw-push")
        self.wait(lambda: http_ok(f"http://127.0.0.1:{self.base + 22}/healthz"), 30, "tw-gateway")

    def wait(self, condition, seconds, what):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.2)
        raise RuntimeError(f"{what} did not become ready within {seconds} s (logs in {self.root})")

    def stop_all(self):
        for name in ["gateway", "decoder-1", "decoder-2", "geofence", "push", "storage", "bus"]:
            stop_process(self.procs.get(name))

    def cleanup(self):
        """After the positions were read: the database server and the tmpfs go."""
        if self.pg:
            try:
                self.pg.stop()
            except Exception:
                pass
            self.pg = None
        if self.mount:
            subprocess.run(["umount", "-l", self.mount], check=False)
            self.mount = None

    def store_messages_waiting(self):
        """Whether tw-bus holds store-queue messages it could not hand on (from its /metrics)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.base + 10}/metrics", timeout=2) as response:
                text = response.read().decode()
        except Exception:
            return None
        def total(name):
            return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                       if line.startswith(f"trackwire_{name}_total{{") and 'channel="store"' in line)
        return total("received") - total("sent")

    def positions(self):
        """(set of (device, fix ms) stored, duplicate rows)."""
        if self.pg:
            rows = self.pg.query("SELECT device_id, fix_time_ms FROM positions")
            dup = int(self.pg.query("SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT device_id, fix_time_ms, latitude, longitude FROM positions) d) FROM positions")[0][0])
            return {(d, int(t)) for d, t in rows}, dup
        db = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        stored = {(d, t) for d, t in db.execute("SELECT device_id, fix_time_ms FROM positions")}
        dup = db.execute("SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT device_id, fix_time_ms, latitude, longitude FROM positions)) FROM positions").fetchone()[0]
        db.close()
        return stored, dup


class Fault:
    """Injects a scenario's fault and undoes it; measures tw-bus's CPU meanwhile."""

    def __init__(self, pipeline, scenario):
        self.p, self.s = pipeline, scenario
        self.bus_cpu = None
        self.waiting = None

    def run(self):
        s, p = self.s, self.p
        bus = p.procs["bus"]
        before = cpu_seconds(bus.pid) if s.target != "bus" else None
        started = time.time()
        if s.fault == "none":
            time.sleep(s.outage)
        elif s.fault == "idle":
            # Only store-queue messages move (or rather wait) now: kill storage, let the simulator
            # stop, and measure the bus alone while what it holds for storage has nowhere to go.
            p.procs["storage"].kill()
            p.procs["storage"].wait()
            time.sleep(max(0, s.load_seconds - ARGS_WARMUP[0]) + 3)
            self.waiting = p.store_messages_waiting()
            before, started = cpu_seconds(bus.pid), time.time()
            time.sleep(s.outage)
            self.bus_cpu = 100 * (cpu_seconds(bus.pid) - before) / (time.time() - started)
            p.launch("storage")
            return
        elif s.fault in ("kill", "term"):
            proc = p.procs[s.target]
            proc.send_signal(signal.SIGKILL if s.fault == "kill" else signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            time.sleep(max(0, s.outage - (time.time() - started)))
            p.launch(s.target)
        elif s.fault == "stop":
            p.procs["storage"].send_signal(signal.SIGSTOP)
            time.sleep(s.outage)
            p.procs["storage"].send_signal(signal.SIGCONT)
        elif s.fault == "lock":
            db = sqlite3.connect(p.db_path, timeout=30)
            db.execute("BEGIN IMMEDIATE")
            time.sleep(s.outage)
            db.rollback()
            db.close()
        elif s.fault == "full":
            ballast = os.path.join(p.mount, "ballast")
            with open(ballast, "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * (1 << 20))
                        f.flush()
                except OSError:
                    pass
            time.sleep(s.outage)
            os.remove(ballast)
        elif s.fault == "pgstop":
            p.pg.stop()
            time.sleep(s.outage)
            p.pg.start()
        after = cpu_seconds(bus.pid) if s.target != "bus" else None
        if before is not None and after is not None:
            self.bus_cpu = 100 * (after - before) / max(0.001, time.time() - started)


def run_scenario(args, scenario, base):
    root = tempfile.mkdtemp(prefix="tw-chaos-")
    result = {"scenario": scenario.name, "note": scenario.note, "mode": scenario.ack, "db": scenario.db}
    pipeline = None
    try:
        pipeline = Pipeline(args, scenario, base, root)
        pipeline.start()
        ledger = os.path.join(root, "ledger.csv")
        warmup, settle = args.warmup, args.settle
        duration = scenario.load_seconds or warmup + scenario.outage + settle
        sim = subprocess.Popen([os.path.join(args.bin, "tw"), "sim", "--devices", str(args.devices), "--rate", str(args.rate),
                                "--protocols", PROTOCOLS, "--gateway", "127.0.0.1", "--duration", f"{duration}s", "--drain", "40s",
                                "--ledger", ledger, "--json", "--id-base", str(860_000_000_000_000 + base * 1000)]
                               + [a for name, port in pipeline.ports.items() for a in ("--port", f"{name}={port}")],
                               stdout=subprocess.PIPE, stderr=pipeline.log("sim"), text=True)
        sim_started = time.time()
        seconds = []
        reader = threading.Thread(target=lambda: seconds.extend(json.loads(l) for l in sim.stdout if l.startswith("{")), daemon=True)
        reader.start()
        time.sleep(warmup)
        fault = Fault(pipeline, scenario)
        fault_start = time.time() - sim_started
        fault.run()
        fault_end = time.time() - sim_started
        sim.wait(timeout=duration + 120)
        reader.join(timeout=10)
        pipeline.stop_all()
        acked = set()
        with open(ledger) as f:
            for line in f:
                device, fix = line.strip().split(",")
                acked.add((device, int(fix)))
        stored, dup = pipeline.positions()
        lost = len(acked - stored)
        result.update(acked=len(acked), stored=len(acked & stored), lost=lost, duplicates=dup,
                      recover_s=recovery(seconds, fault_start, fault_end, scenario), bus_cpu=fault.bus_cpu,
                      resent=seconds[-1].get("resent", 0) if seconds else 0)
        # The bus must not spin while store-queue messages wait with no storage; in the other
        # scenarios it forwards live traffic meanwhile, and its CPU is shown for comparison.
        spinning = scenario.fault == "idle" and (fault.bus_cpu is None or fault.bus_cpu >= 5 or not fault.waiting)
        result["ok"] = lost == 0 and dup == 0 and not spinning and len(acked) > 0
        if scenario.fault == "idle":
            result["waiting"] = fault.waiting
    except Exception as error:
        result.update(ok=False, error=str(error))
        if pipeline:
            pipeline.stop_all()
    if pipeline:
        pipeline.cleanup()
    result["logs"] = root
    if result.get("ok") and not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return result


def recovery(seconds, fault_start, fault_end, scenario, hold=1):
    """Seconds from the fault's end until acks flow at 80 % of the pre-fault rate again, for `hold`
    seconds in a row; the fault times are seconds since the simulator started, as its per-second
    stats are. None if that never happened."""
    if scenario.fault == "none":
        return None
    points = [(s["elapsed_s"], s["acked"]) for s in seconds if not s.get("final")]
    rates = [(points[i][0], points[i][1] - points[i - 1][1]) for i in range(1, len(points))]
    before = [r for t, r in rates if 3 <= t <= fault_start]
    if not before:
        return None
    target = 0.8 * sum(before) / len(before)
    after = [(t, r) for t, r in rates if t > fault_end]
    for i in range(len(after) - hold + 1):
        if all(r >= target for _, r in after[i:i + hold]):
            return round(after[i][0] - fault_end, 1)
    return None


def table(results):
    lines = ["| scenario | what was done | acks | acked | stored | lost | dup rows | recover s | bus CPU % | result |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        fmt = lambda v, spec="": "—" if v is None else format(v, spec)
        lines.append(f"| {r['scenario']} | {r['note']} | {r['mode']} | {fmt(r.get('acked'))} | {fmt(r.get('stored'))} | "
                     f"{fmt(r.get('lost'))} | {fmt(r.get('duplicates'))} | {fmt(r.get('recover_s'))} | {fmt(r.get('bus_cpu'), '.1f')} | "
                     f"{'pass' if r.get('ok') else 'FAIL ' + r.get('error', '')} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="CI's short run: seven scenarios, 200 devices, 10 s outages")
    parser.add_argument("--devices", type=int)
    parser.add_argument("--rate", type=float, default=1.0, help="positions per second per device")
    parser.add_argument("--only", help="scenario names separated by ';'")
    parser.add_argument("--bin", default=os.path.join(REPO, ".build/release"))
    parser.add_argument("--report", help="write the markdown table and JSON here (docs/reliability.md)")
    parser.add_argument("--keep", action="store_true", help="keep every scenario's logs and data")
    parser.add_argument("--base-port", type=int, default=27000)
    args = parser.parse_args()
    args.devices = args.devices or (200 if args.quick else 500)
    args.warmup = 6 if args.quick else 10
    args.settle = 10 if args.quick else 20
    ARGS_WARMUP[0] = args.warmup
    args.load_at_start = "%.1f" % os.getloadavg()[0]
    chosen = scenarios(args.quick)
    if args.only:
        wanted = set(n.strip() for n in args.only.split(";"))
        chosen = [s for s in chosen if s.name in wanted]
    results = []
    for index, scenario in enumerate(chosen):
        if scenario.fault == "full" and os.geteuid() != 0:
            results.append({"scenario": scenario.name, "note": scenario.note, "mode": scenario.ack, "ok": True, "error": "",
                            "skipped": "needs root to mount a tmpfs"})
            continue
        print(f"chaos: {scenario.name} ({scenario.note}) with {args.devices} devices ...", flush=True)
        result = run_scenario(args, scenario, args.base_port + (index % 10) * 100)
        results.append(result)
        print(f"chaos:   acked {result.get('acked')} stored {result.get('stored')} lost {result.get('lost')} "
              f"dup {result.get('duplicates')} recover {result.get('recover_s')} s bus CPU {result.get('bus_cpu')} "
              f"{'ok' if result.get('ok') else 'FAILED ' + result.get('error', '') + ' logs: ' + result['logs']}", flush=True)
    print(table(results))
    if args.report:
        write_report(args, results)
    sys.exit(0 if all(r.get("ok") for r in results) else 1)


def write_report(args, results):
    path = args.report
    with open(os.path.splitext(path)[0] + ".json", "w") as f:
        json.dump({"devices": args.devices, "rate": args.rate, "results": results}, f, indent=1)
    with open(path, "w") as f:
        f.write(REPORT_HEAD.format(devices=args.devices, rate=args.rate, when=time.strftime("%Y-%m-%d"),
                                   positions=int(args.devices * args.rate), load=args.load_at_start))
        f.write(table(results) + "\n")
        f.write(REPORT_TAIL)


REPORT_HEAD = """# Reliability: what a fault costs

Measured by `make chaos` (`scripts/chaos.py`) on {when}: for each scenario a fresh pipeline
(tw-bus, tw-storage, two tw-decoders, tw-geofence, tw-push, tw-gateway; release build) under `tw sim`
load — {devices} devices (GT06 and Teltonika over TCP, OsmAnd over HTTP) at {rate} positions/s each,
about {positions} positions/s — the fault injected after a steady start, then every position a device
was acknowledged for (`tw sim --ledger`) looked up in the database. The machine's load average when
the run started: {load} (2 cores; other work on the machine stretches recovery times and the bus's
CPU per message, not what is lost).

- **acked**: positions the gateway acknowledged to a device; **stored**: of those, in the database;
  **lost**: acked and not stored (must be 0); **dup rows**: rows beyond one per distinct position
  (must be 0: resends are absorbed by the (device, fix time, fingerprint) key).
- **recover s**: from the end of the fault until acks flow at 80 % of the pre-fault rate again.
- **bus CPU %**: tw-bus's CPU over the fault, in % of one core (`—` when the bus itself was the
  target). While live traffic flows this is what forwarding it costs (compare the baseline row);
  the row "store queue waits, no storage" measures the bus alone while messages it holds for
  storage have nowhere to go: the state in which `zmq_proxy` spun at 100 % of a core. It must stay
  under 5 %.
- Acks are `durable` unless the row says `receipt`.

"""

REPORT_TAIL = """
What the rows show:

- In durable mode a device is acknowledged only after storage committed its positions, so a crash
  of any stage (storage, a decoder, the gateway, the bus) loses nothing acknowledged: what was in
  flight was never acked, and the devices resend it after the gateway's `--ack-timeout` or after
  reconnecting; storage's idempotency absorbs the resends.
- A slow or stopped database stops the intake all the way back to the device sockets: ZMTP
  heartbeats are off on bus connections (a heartbeat took a back-pressured peer for dead and lost
  what was queued for it), TCP keepalive finds vanished hosts instead, and tw-bus's forwarders sleep
  in `zmq_poll` instead of spinning while the consumer side cannot take more.
- A SIGTERM'd tw-storage under sustained load keeps committing what the bus routes to it until the
  queue stays quiet or `--drain-timeout` (30 s) passes, so it stops late but acks keep flowing
  meanwhile (hence no recovery time in its row): closing a PULL socket that is still receiving
  would discard what the bus already routed to it.
- tw-bus's CPU at this low rate is mostly wake-ups (one per message: no batching to amortise
  them); while storage is stuck it falls, since the back-pressure stops the traffic, and with
  nothing flowing but store messages waiting it is 0.5 % — not the 100 % `zmq_proxy` spun at.
- In receipt mode a storage stall loses nothing either (the gateway stops reading devices once the
  queues are full); a crash in receipt mode can lose what was queued — that is what durable acks are for.

Rerun: `make chaos` (every scenario, 500 devices, about 25 minutes; needs root for the tmpfs
scenario and PostgreSQL's server binaries for the PostgreSQL one), or
`scripts/chaos.py --only "kill -9 storage;storage frozen"`; CI runs `scripts/chaos.py --quick`.
"""


if __name__ == "__main__":
    main()
