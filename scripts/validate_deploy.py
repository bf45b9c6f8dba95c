#!/usr/bin/env python3
"""Checks of deploy/ that a schema cannot make: that the compose file, the Dockerfile, the systemd
units, the Kubernetes manifests and the environment examples agree with each other and with the
code (executables in Package.swift, the gateway's listener ports as the codecs' descriptors declare
them, the TW_* variables each stage reads). scripts/validate-deploy.sh runs the schema validators and then this, one area at a time:

    validate_deploy.py AREA DEPLOY_DIR REPO_DIR      AREA: compose, dockerfile, systemd, k8s, env

Prints one line per problem and exits 1 if there is any."""

import glob
import os
import re
import sys

import yaml

STAGES = ["bus", "gateway", "decoder", "geofence", "storage", "push"]
STAGE_SOURCES = {"bus": "Bus", "gateway": "Gateway", "decoder": "Decoder",
                 "geofence": "Geofence", "storage": "Storage", "push": "Push"}
# The variables of stages whose code does not read any TW_* variable yet (built in parallel):
# the names their issues plan. Once a stage's code reads its own, the code is the reference.
PLANNED = {
    "geofence": {"TW_SHARD", "TW_GEOFENCES_FROM", "TW_STATE_DIR"},
    "storage": {"TW_DB", "TW_RETENTION", "TW_DOWNSAMPLE_AFTER", "TW_DOWNSAMPLE_INTERVAL",
                "TW_BATCH_SIZE", "TW_BATCH_AGE", "TW_API_TOKEN"},
    "push": {"TW_WEBHOOKS", "TW_TILE_URL"},
}
# tw-shard-exec's own variables (it turns them into TW_SHARD and TW_STATE_DIR).
SHARD_EXEC = {"TW_SHARD_FROM", "TW_SHARD_COUNT", "TW_STATE_ROOT", "TW_SHARD_LOCK_DIR", "TW_SHARD_RETRY"}
# Runtime options a stage accepts but its example need not show, and why.
NOT_DOCUMENTED = {"bus": {"TW_CURVE_SERVER_KEY"}}  # the bus is the CURVE server, no client
SANDBOX = {"ProtectSystem": "strict", "NoNewPrivileges": "yes", "PrivateTmp": "yes",
           "ProtectHome": "yes", "RestrictAddressFamilies": None, "SystemCallFilter": None,
           "CapabilityBoundingSet": None}

problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class Code:
    """What the repository's code says: executables, listener ports, TW_* variables per stage."""

    def __init__(self, repo):
        self.repo = repo
        package = read(os.path.join(repo, "Package.swift"))
        self.executables = set(re.findall(r'\.executable\(\s*name:\s*"([^"]+)"', package))
        self.runtime_vars = self.vars_in("TrackwireRuntime")
        self.built = {s: self.vars_in(STAGE_SOURCES[s]) for s in STAGES}
        self.listeners = self.gateway_listeners()

    def vars_in(self, target):
        names = set()
        for folder, _, files in os.walk(os.path.join(self.repo, "Sources", target)):
            for name in files:
                if name.endswith(".swift"):
                    names |= set(re.findall(r'"(TW_[A-Z0-9_]+)"', read(os.path.join(folder, name))))
        return names

    def stage_vars(self, stage):
        """The TW_* variables a stage reads, from its code, else from its plan."""
        return self.built[stage] or PLANNED.get(stage, set())

    def known(self, stage):
        return self.runtime_vars | self.stage_vars(stage)

    def gateway_listeners(self):
        """(port, 'TCP'|'UDP') of every default listener: ListenerSpec.defaults is every codec's
        ProtocolDescriptor (Sources/Codecs/<Protocol>/<Protocol>Descriptor.swift) on its default
        port, once per transport."""
        found = set()
        pattern = os.path.join(self.repo, "Sources", "Codecs", "*", "*Descriptor.swift")
        for path in sorted(p for p in glob.glob(pattern) if os.sep + "Common" + os.sep not in p):
            declared = re.findall(r"defaultPort:\s*(\d+),\s*transports:\s*\[([^\]]*)\]", read(path))
            if not declared:
                problem(os.path.relpath(path, self.repo), "declares no defaultPort/transports to compare with")
            for port, transports in declared:
                for transport in re.findall(r"\.(tcp|udp|http)", transports):
                    found.add((int(port), "UDP" if transport == "udp" else "TCP"))
        if not found:
            problem("Sources/Codecs", "found no protocol descriptors to compare default listeners with")
        return found


def port_of(address):
    match = re.search(r":(\d+)$", str(address))
    return int(match.group(1)) if match else None


def check_env_names(where, stage, names, code):
    for name in sorted(names):
        if name.startswith("TW_") and name not in code.known(stage) | SHARD_EXEC:
            problem(where, f"{name} is not a variable tw-{stage} reads")


# ---------------------------------------------------------------- compose.yaml

def check_compose(deploy, code):
    doc = yaml.safe_load(read(os.path.join(deploy, "compose.yaml")))
    services = doc.get("services", {})
    for name in STAGES + ["postgres"]:
        if name not in services:
            problem("compose.yaml", f"no service '{name}'")
    if not str(services.get("postgres", {}).get("image", "")).startswith("postgres:"):
        problem("compose.yaml", "service postgres does not run a postgres image")
    images = set()
    for name, service in services.items():
        if name == "postgres":
            continue
        where = f"compose.yaml services.{name}"
        images.add(service.get("image"))
        build = service.get("build", {})
        dockerfile = os.path.join(deploy, build.get("context", "."), build.get("dockerfile", "Dockerfile"))
        if not os.path.isfile(dockerfile):
            problem(where, f"builds from {dockerfile}, which does not exist")
        argv = list(service.get("entrypoint") or []) + list(service.get("command") or [])
        if not argv or argv[0] not in code.executables | {"tw-shard-exec"}:
            problem(where, f"runs {argv[:1]}, not an executable of Package.swift")
        if name not in STAGES:
            continue
        if f"tw-{name}" not in argv:
            problem(where, f"does not run tw-{name}")
        env = service.get("environment") or {}
        check_env_names(where, name, env, code)
        if env.get("TW_BUS") != "bus":
            problem(where, "TW_BUS is not the bus service")
        http = port_of(env.get("TW_HTTP", ""))
        if not str(env.get("TW_HTTP", "")).startswith("0.0.0.0:") or http is None:
            problem(where, "TW_HTTP must be 0.0.0.0:PORT in a container")
        test = " ".join(service.get("healthcheck", {}).get("test", []))
        if f"127.0.0.1:{http}/healthz" not in test:
            problem(where, f"health check does not call /healthz on the TW_HTTP port {http}")
        if not service.get("stop_grace_period"):
            problem(where, "no stop_grace_period for draining")
    if len(images) != 1:
        problem("compose.yaml", f"stages run different images {sorted(map(str, images))}")

    published = set()
    for entry in services.get("gateway", {}).get("ports", []):
        match = re.fullmatch(r"(?:[\d.]+:)?(\d+):(\d+)(?:/(tcp|udp))?", str(entry))
        if match:
            published.add((int(match.group(2)), (match.group(3) or "tcp").upper()))
    for port, proto in sorted(code.listeners - published):
        problem("compose.yaml services.gateway", f"device port {port}/{proto} is not published")
    # Replicas of a scaled service cannot share one fixed host port.
    for name in ["decoder", "geofence", "storage"]:
        for entry in services.get(name, {}).get("ports", []):
            if not re.search(r"\d+-\d+:\d+$", str(entry)):
                problem(f"compose.yaml services.{name}", f"scalable service publishes fixed host port {entry}")

    geofence = services.get("geofence", {})
    env = geofence.get("environment") or {}
    if (geofence.get("command") or [None])[0] != "tw-shard-exec" or env.get("TW_SHARD_FROM") != "lock":
        problem("compose.yaml services.geofence", "replicas need distinct shards: run tw-shard-exec with TW_SHARD_FROM=lock")
    if str(env.get("TW_SHARD_COUNT")) != str(geofence.get("deploy", {}).get("replicas")):
        problem("compose.yaml services.geofence", "TW_SHARD_COUNT and deploy.replicas differ")
    mounts = [str(v).split(":")[1] for v in geofence.get("volumes", []) if ":" in str(v)]
    if env.get("TW_STATE_ROOT") not in mounts:
        problem("compose.yaml services.geofence", "TW_STATE_ROOT is not a volume shared by the replicas")
    storage = services.get("storage", {})
    if not str((storage.get("environment") or {}).get("TW_DB", "")).startswith("postgres://"):
        problem("compose.yaml services.storage", "TW_DB is not the PostgreSQL service")
    if "postgres" not in (storage.get("depends_on") or {}):
        problem("compose.yaml services.storage", "does not wait for postgres")


# ---------------------------------------------------------------- Dockerfile

INSTRUCTIONS = {"ADD", "ARG", "CMD", "COMMENT", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
                "HEALTHCHECK", "LABEL", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
                "WORKDIR"}


def check_dockerfile(deploy, code):
    from dockerfile_parse import DockerfileParser

    path = os.path.join(deploy, "Dockerfile")
    parser = DockerfileParser(path=path)
    instructions = parser.structure
    where = "Dockerfile"
    for i in instructions:
        if i["instruction"] not in INSTRUCTIONS:
            problem(f"{where}:{i['startline'] + 1}", f"unknown instruction {i['instruction']}")
    froms = [i for i in instructions if i["instruction"] == "FROM"]
    if len(froms) < 2:
        problem(where, "is not multi-stage (a build stage and a runtime stage)")
        return
    args = {}
    for i in instructions:
        if i["instruction"] == "ARG" and "=" in i["value"]:
            key, value = i["value"].split("=", 1)
            args[key.strip()] = value.strip().strip('"')
    swift = args.get("SWIFT_IMAGE", "")
    runtime = args.get("RUNTIME_IMAGE", "")
    if not re.fullmatch(r"swift:6\.\d+(\.\d+)?-bookworm", swift):
        problem(where, f"build image '{swift}' is not an official Swift 6.x bookworm image")
    if runtime != "debian:bookworm-slim":
        problem(where, f"runtime image '{runtime}' is not the build image's Debian release (bookworm)")
    listed = set(args.get("TW_EXECUTABLES", "").split())
    for exe in sorted(code.executables - listed):
        problem(where, f"does not install {exe} (an executable of Package.swift)")
    for exe in sorted(listed - code.executables):
        problem(where, f"installs {exe}, which Package.swift does not build")
    runs = " ".join(i["value"] for i in instructions if i["instruction"] == "RUN")
    if not re.search(r"swift build -c release --static-swift-stdlib", runs):
        problem(where, "does not run swift build -c release --static-swift-stdlib")
    final_start = froms[-1]["startline"]
    final = [i for i in instructions if i["startline"] >= final_start]
    final_runs = " ".join(i["value"] for i in final if i["instruction"] == "RUN")
    for package in ["libzmq5", "libsqlite3-0", "ca-certificates"]:
        if package not in final_runs:
            problem(where, f"runtime stage does not install {package}")
    if not any(i["instruction"] == "COPY" and "--from=" in i["value"] for i in final):
        problem(where, "runtime stage copies nothing from the build stage")
    users = [i["value"] for i in final if i["instruction"] == "USER"]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        problem(where, "runtime stage runs as root")
    allowed = [line[1:].rstrip("/") for line in read(path + ".dockerignore").split()
               if line.startswith("!")]
    for i in instructions:
        if i["instruction"] == "COPY" and "--from=" not in i["value"]:
            source = i["value"].split()[0].rstrip("/")
            if not os.path.exists(os.path.join(code.repo, source)):
                problem(where, f"COPY {source}: no such file in the repository")
            elif source not in allowed and not source.startswith("Package."):
                problem(where, f"COPY {source}: excluded by Dockerfile.dockerignore")


# ---------------------------------------------------------------- systemd

def parse_unit(path):
    """A unit file as {section: [(key, value), ...]} (keys may repeat)."""
    sections, current = {}, None
    for line in read(path).splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        elif current is not None and "=" in line:
            key, value = line.split("=", 1)
            current.append((key.strip(), value.strip()))
    return sections


def values(unit, section, key):
    return [v for k, v in unit.get(section, []) if k == key]


def seconds(text):
    match = re.fullmatch(r"(\d+)(s|min)?", text)
    return int(match.group(1)) * (60 if match.group(2) == "min" else 1) if match else 0


def check_systemd(deploy, code):
    folder = os.path.join(deploy, "systemd")
    names = {s: f"tw-{s}@.service" if s in ("decoder", "geofence") else f"tw-{s}.service" for s in STAGES}
    target_path = os.path.join(folder, "trackwire.target")
    wants = set()
    if os.path.isfile(target_path):
        for value in values(parse_unit(target_path), "Unit", "Wants"):
            wants |= set(value.split())
    else:
        problem("systemd", "no trackwire.target")
    for stage, name in names.items():
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            problem("systemd", f"no {name}")
            continue
        unit, where = parse_unit(path), f"systemd/{name}"
        binary = f"/usr/local/bin/tw-{stage}"
        start = values(unit, "Service", "ExecStart")
        pre = values(unit, "Service", "ExecStartPre")
        if len(start) != 1 or start[0].split()[0] != binary:
            problem(where, f"ExecStart does not run {binary}")
        elif not any(p.split() == start[0].split() + ["--validate"] for p in pre):
            problem(where, "no ExecStartPre running ExecStart's command with --validate")
        files = values(unit, "Service", "EnvironmentFile")
        for env in ["common", stage]:
            if f"/etc/trackwire/{env}.env" not in files:
                problem(where, f"does not read /etc/trackwire/{env}.env")
            if not os.path.isfile(os.path.join(deploy, "env", f"{env}.env")):
                problem(where, f"reads {env}.env, but deploy/env/{env}.env does not exist")
        if not (values(unit, "Service", "DynamicUser") == ["yes"] or values(unit, "Service", "User")):
            problem(where, "runs as root (neither DynamicUser=yes nor User=)")
        for key, expected in SANDBOX.items():
            found = values(unit, "Service", key)
            if not found or (expected and expected not in found):
                problem(where, f"sandboxing: {key}={expected or '...'} missing")
        if values(unit, "Service", "KillSignal") != ["SIGTERM"]:
            problem(where, "KillSignal is not SIGTERM")
        if seconds((values(unit, "Service", "TimeoutStopSec") or ["0"])[0]) < 15:
            problem(where, "TimeoutStopSec leaves less than 15 s to drain")
        if stage in ("geofence", "storage") and not values(unit, "Service", "StateDirectory"):
            problem(where, "keeps state but has no StateDirectory=")
        if stage == "geofence" and "--shard %I" not in start[0]:
            problem(where, "the instance name does not become --shard (%I)")
        if stage == "decoder" and "%i" not in start[0]:
            problem(where, "the instance name does not become --instance (%i)")
        if "trackwire.target" not in " ".join(values(unit, "Install", "WantedBy")):
            problem(where, "not WantedBy=trackwire.target")
        if "trackwire.target" not in " ".join(values(unit, "Unit", "PartOf")):
            problem(where, "not PartOf=trackwire.target")
        prefix = name.replace("@.service", "@")
        if not any(w == name or (prefix.endswith("@") and w.startswith(prefix)) for w in wants):
            problem("systemd/trackwire.target", f"does not want {name}")


# ---------------------------------------------------------------- Kubernetes

# Variables that name a file or directory a stage writes.
WRITTEN_PATHS = {"TW_OUTBOX", "TW_STATE_DIR", "TW_STATE_ROOT", "TW_SHARD_LOCK_DIR"}


def check_k8s_buses(where, doc, by_kind):
    """Two buses, each its own pod: a StatefulSet whose pods the ConfigMap's TW_BUS lists, one by one."""
    common = by_kind.get("ConfigMap", {}).get("trackwire-common", (None, {"data": {}}))[1].get("data", {})
    listed = [a.strip() for a in str(common.get("TW_BUS", "")).split(",") if a.strip()]
    replicas = doc["spec"].get("replicas")
    if doc["kind"] != "StatefulSet" or replicas is None or replicas < 2:
        problem(where, "the bus must be a StatefulSet of at least two independent buses (no single point of failure)")
        return
    expected = [f"bus-{i}.{doc['spec'].get('serviceName')}" for i in range(replicas)]
    if listed != expected:
        problem(where, f"trackwire-common TW_BUS {listed} is not every bus pod {expected}")


def check_k8s_writable(where, container, env):
    """With a read-only root file system, whatever a stage writes must be on a mounted volume."""
    if not container.get("securityContext", {}).get("readOnlyRootFilesystem"):
        return
    mounts = [m["mountPath"].rstrip("/") + "/" for m in container.get("volumeMounts", [])]
    for key in sorted(WRITTEN_PATHS & set(env)):
        path = str(env[key].get("value", ""))
        if path and not any((path.rstrip("/") + "/").startswith(m) for m in mounts):
            problem(where, f"{key}={path} is on the read-only root file system (no volume is mounted there)")
    if "tw-push" in container.get("command", []) and "TW_OUTBOX" not in env:
        problem(where, "tw-push's outbox would be data/push-outbox.sqlite on the read-only root: set TW_OUTBOX on a volume")


def check_k8s(deploy, code):
    folder = os.path.join(deploy, "k8s")
    kustomization = yaml.safe_load(read(os.path.join(folder, "kustomization.yaml")))
    listed = set(kustomization.get("resources", []))
    present = {f for f in os.listdir(folder) if f.endswith(".yaml") and f != "kustomization.yaml"}
    for f in sorted(present ^ listed):
        problem("k8s/kustomization.yaml", f"{f} is {'not listed' if f in present else 'listed but missing'}")
    objects = []
    for f in sorted(present):
        for doc in yaml.safe_load_all(read(os.path.join(folder, f))):
            if doc:
                objects.append((f, doc))
    by_kind = {}
    for f, doc in objects:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = (f, doc)
    workloads = {**by_kind.get("Deployment", {}), **by_kind.get("StatefulSet", {})}

    for stage in STAGES:
        if stage not in workloads:
            problem("k8s", f"no Deployment or StatefulSet '{stage}'")
    for name, (f, doc) in workloads.items():
        where = f"k8s/{f} {doc['kind']}/{name}"
        pod = doc["spec"]["template"]["spec"]
        labels = doc["spec"]["template"]["metadata"]["labels"]
        if any(labels.get(k) != v for k, v in doc["spec"]["selector"]["matchLabels"].items()):
            problem(where, "selector does not match the pod labels")
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            problem(where, "pods may run as root")
        for container in pod["containers"]:
            resources = container.get("resources", {})
            if not resources.get("requests") or not resources.get("limits"):
                problem(where, "container without resource requests and limits")
            if name not in STAGES:
                continue
            argv = container.get("command", [])
            if container.get("image", "").split(":")[0] != "trackwire" or f"tw-{name}" not in argv:
                problem(where, f"does not run tw-{name} from the trackwire image")
            env = {e["name"]: e for e in container.get("env", [])}
            names = [e["name"] for e in container.get("env", [])]
            for twice in sorted({n for n in names if names.count(n) > 1}):
                problem(where, f"{twice} is set twice (the later one wins silently)")
            check_env_names(where, name, env, code)
            http = port_of(env.get("TW_HTTP", {}).get("value", ""))
            ports = {p.get("name"): p for p in container.get("ports", [])}
            if http is None or ports.get("http", {}).get("containerPort") != http:
                problem(where, "container port 'http' is not the TW_HTTP port")
            # Ready: what the stage depends on answers (/healthz). Alive: the process answers
            # (/livez); a liveness probe on /healthz would restart every stage while the bus is down.
            for probe, path in [("readinessProbe", "/healthz"), ("livenessProbe", "/livez")]:
                get = container.get(probe, {}).get("httpGet", {})
                if get.get("path") != path or get.get("port") != "http":
                    problem(where, f"{probe} does not GET {path} on port http")
            refs = [e.get("configMapRef", {}).get("name") for e in container.get("envFrom", [])]
            if "trackwire-common" not in refs:
                problem(where, "does not read the trackwire-common ConfigMap")
            if name == "geofence":
                count = env.get("TW_SHARD_COUNT", {}).get("value")
                if doc["kind"] != "StatefulSet" or env.get("TW_SHARD_FROM", {}).get("value") != "ordinal" \
                        or argv[:1] != ["tw-shard-exec"]:
                    problem(where, "shards need a StatefulSet running tw-shard-exec with TW_SHARD_FROM=ordinal")
                if str(count) != str(doc["spec"].get("replicas")):
                    problem(where, f"TW_SHARD_COUNT {count} differs from replicas {doc['spec'].get('replicas')}")
            if name == "storage" and "secretKeyRef" not in env.get("TW_DB", {}).get("valueFrom", {}):
                problem(where, "TW_DB does not come from a Secret")
            if name == "bus":
                check_k8s_buses(where, doc, by_kind)
            check_k8s_writable(where, container, env)
        for container in pod["containers"]:
            for e in container.get("env", []):
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref and ref["name"] not in by_kind.get("Secret", {}):
                    problem(where, f"Secret {ref['name']} is not defined in the manifests")
        service_name = doc["spec"].get("serviceName")
        if service_name and service_name not in by_kind.get("Service", {}):
            problem(where, f"serviceName {service_name} has no Service")

    for name, (f, doc) in by_kind.get("Service", {}).items():
        where = f"k8s/{f} Service/{name}"
        selector = doc["spec"].get("selector", {})
        targets = [w for w in workloads.values()
                   if all(w[1]["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in selector.items())]
        if not targets:
            problem(where, "selects no workload")
            continue
        names = {p.get("name") for w in targets for c in w[1]["spec"]["template"]["spec"]["containers"]
                 for p in c.get("ports", [])}
        for port in doc["spec"]["ports"]:
            if isinstance(port.get("targetPort"), str) and port["targetPort"] not in names:
                problem(where, f"targetPort {port['targetPort']} is no container port")
    bus = by_kind.get("Service", {}).get("bus", (None, {"spec": {"ports": []}}))[1]
    if {p["port"] for p in bus["spec"]["ports"]} < set(range(7100, 7106)):
        problem("k8s Service/bus", "does not expose 7100-7105")
    gateway = by_kind.get("Service", {}).get("gateway", (None, {"spec": {}}))[1]
    if gateway["spec"].get("type") != "LoadBalancer":
        problem("k8s Service/gateway", "is not a LoadBalancer")
    exposed = {(p["port"], p.get("protocol", "TCP")) for p in gateway["spec"].get("ports", [])}
    for port, proto in sorted(code.listeners - exposed):
        problem("k8s Service/gateway", f"device port {port}/{proto} is not exposed")


# ---------------------------------------------------------------- env examples

ASSIGNMENT = re.compile(r"^#?(TW_[A-Z0-9_]+)=")


def check_env(deploy, code):
    folder = os.path.join(deploy, "env")
    documented = {}
    for env in ["common"] + STAGES:
        path = os.path.join(folder, f"{env}.env")
        if not os.path.isfile(path):
            problem("env", f"no {env}.env")
            continue
        lines, names = read(path).splitlines(), set()
        for number, line in enumerate(lines, 1):
            match = ASSIGNMENT.match(line)
            if not match:
                if line.strip() and not line.startswith("#"):
                    problem(f"env/{env}.env:{number}", f"not VARIABLE=value or a comment: {line}")
                continue
            names.add(match.group(1))
            # Annotated: a prose comment directly above, or above a run of related variables.
            above = number - 2
            while above >= 0 and ASSIGNMENT.match(lines[above]):
                above -= 1
            if above < 0 or not lines[above].startswith("# "):
                problem(f"env/{env}.env:{number}", f"{match.group(1)} has no comment explaining it")
        documented[env] = names
    for name in sorted(documented.get("common", set()) - code.runtime_vars):
        problem("env/common.env", f"{name} is not an option every stage takes")
    for stage in STAGES:
        names = documented.get(stage, set())
        check_env_names(f"env/{stage}.env", stage, names, code)
        missing = code.known(stage) - names - documented.get("common", set()) - NOT_DOCUMENTED.get(stage, set())
        for name in sorted(missing):
            problem(f"env/{stage}.env", f"tw-{stage} reads {name}, but neither this file nor common.env shows it")
        if not code.built[stage]:
            print(f"  note: tw-{stage} reads no TW_* variable in this tree yet; its planned names were checked")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("compose", "dockerfile", "systemd", "k8s", "env"):
        print(__doc__, file=sys.stderr)
        return 2
    area, deploy, repo = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    code = Code(repo)
    {"compose": check_compose, "dockerfile": check_dockerfile, "systemd": check_systemd,
     "k8s": check_k8s, "env": check_env}[area](deploy, code)
    for line in problems:
        print(f"  {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
