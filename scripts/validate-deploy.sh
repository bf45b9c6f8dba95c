#!/usr/bin/env bash
# Validates deploy/ on a machine without a container engine or Kubernetes cluster, by parsing:
#   compose.yaml     the Compose Specification's JSON schema (vendored by check-jsonschema);
#                    `docker compose config` too where a Compose CLI is installed
#   Dockerfile       parsed with dockerfile-parse
#   systemd/         systemd-analyze verify (on a copy whose executables are stubs) and
#                    systemd-analyze security --offline (sandboxing exposure at most 2.0)
#   k8s/             kubernetes-validate --strict against Kubernetes 1.29 and its newest schemas
#   tw-shard-exec    run for real with a stub stage: replicas get distinct shards
#   env/*.env        each built stage's own --validate accepts its example (where binaries exist)
# and then scripts/validate_deploy.py checks what no schema can (files agree with each other and
# with the code). Usage: scripts/validate-deploy.sh [--examples] [DEPLOY_DIR]  (default: deploy/)
# --examples: only run the built stages' --validate on the env examples (make test does this
# after building, as the binaries don't exist before).
# Needs: python3 with PyYAML, check-jsonschema, kubernetes-validate, dockerfile-parse (make deps);
# systemd-analyze; flock.
set -uo pipefail
examples_only=no
if [ "${1:-}" = --examples ]; then examples_only=yes; shift; fi
repo=$(cd "$(dirname "$0")/.." && pwd)
deploy=$(cd "${1:-$repo/deploy}" && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

passed=0 failed=0 skipped=0
# step NAME COMMAND...: runs one validator, shows its output only when it fails.
step() {
  local name=$1; shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1)); echo "ok    $name"
    grep -E '^  note:' "$work/out" || true
  else
    failed=$((failed + 1)); echo "FAIL  $name"; sed 's/^/      /' "$work/out"
  fi
}
skip() { skipped=$((skipped + 1)); echo "skip  $1"; }
checks() { python3 "$repo/scripts/validate_deploy.py" "$1" "$deploy" "$repo"; }

if [ $examples_only = no ]; then
# --- compose
step "compose.yaml: Compose Specification schema" \
  check-jsonschema --builtin-schema vendor.compose-spec "$deploy/compose.yaml"
if docker compose version >/dev/null 2>&1; then
  step "compose.yaml: docker compose config" docker compose -f "$deploy/compose.yaml" config --quiet
else
  skip "compose.yaml: docker compose config (no Compose CLI here)"
fi
step "compose.yaml: stages, image, ports, health checks, shards" checks compose

# --- Dockerfile
step "Dockerfile: parses, multi-stage, builds every executable" checks dockerfile

# --- systemd
# verify checks that executables exist, so it reads a copy whose /usr/local/bin/tw-* are stubs.
# It only warns (exit 0) about unknown keys and bad values, so any output is a failure.
verify_units() {
  mkdir -p "$work/bin" "$work/units"
  for exe in tw-bus tw-gateway tw-decoder tw-geofence tw-storage tw-push; do
    printf '#!/bin/sh\nexit 0\n' >"$work/bin/$exe"; chmod +x "$work/bin/$exe"
  done
  for unit in "$deploy"/systemd/*; do
    sed "s#/usr/local/bin/#$work/bin/#g" "$unit" >"$work/units/$(basename "$unit")"
  done
  (cd "$work/units" && systemd-analyze verify --man=no --generators=no \
    tw-bus.service tw-gateway.service tw-decoder@.service tw-decoder@1.service \
    tw-geofence@.service tw-geofence@0-2.service tw-storage.service tw-push.service \
    trackwire.target) >"$work/verify" 2>&1
  local status=$?
  cat "$work/verify"
  [ $status -eq 0 ] && [ ! -s "$work/verify" ]
}
security_units() {
  local unit status=0
  for unit in tw-bus.service tw-gateway.service tw-decoder@1.service tw-geofence@0-2.service \
              tw-storage.service tw-push.service; do
    # Exposure is reported 0.0-10.0; --threshold takes it times ten.
    (cd "$work/units" && systemd-analyze security --offline=yes --threshold=20 "$unit" | tail -1) || status=1
  done
  return $status
}
if command -v systemd-analyze >/dev/null; then
  step "systemd: systemd-analyze verify" verify_units
  step "systemd: sandboxing exposure <= 2.0 (systemd-analyze security)" security_units
else
  failed=$((failed + 1)); echo "FAIL  systemd: systemd-analyze not installed (make deps)"
fi
step "systemd: units, --validate, env files, target" checks systemd

# --- Kubernetes
k8s_schemas() {
  local files=() status=0
  for file in "$deploy"/k8s/*.yaml; do
    [ "$(basename "$file")" = kustomization.yaml ] || files+=("$file")
  done
  kubernetes-validate --strict --quiet --kubernetes-version 1.29.0 "${files[@]}" || status=1
  kubernetes-validate --strict --quiet "${files[@]}" || status=1
  return $status
}
step "k8s: kubernetes-validate --strict (1.29 and newest)" k8s_schemas
step "k8s: workloads, services, probes, secrets, shards" checks k8s

# --- environment examples
step "env: every variable annotated and read by its stage" checks env
fi

# --- the env examples as real configurations: each built stage's --validate accepts them
# (binaries from TW_BIN, default .build/debug; skipped where not built yet, as on a fresh clone).
bin_dir=${TW_BIN:-$repo/.build/debug}
# /var/lib/trackwire stands for the units' StateDirectory=, which systemd creates before the start.
env_of() {
  mkdir -p "$work/state/storage"
  grep -hE '^TW_[A-Z0-9_]+=' "$deploy/env/common.env" "$deploy/env/$1.env" | sed "s#/var/lib/trackwire/#$work/state/#g"
}
validate_examples() {
  local stage status=0 lines
  for stage in "$@"; do
    mapfile -t lines < <(env_of "$stage")
    env -i PATH="$PATH" "${lines[@]}" "$bin_dir/tw-$stage" --validate || { echo "tw-$stage rejects env/$stage.env"; status=1; }
  done
  # And --validate really validates: a bad value is refused with exit 2.
  env -i PATH="$PATH" TW_LOG_LEVEL=loud "$bin_dir/tw-$1" --validate >/dev/null 2>&1
  [ $? -eq 2 ] || { echo "tw-$1 --validate accepted TW_LOG_LEVEL=loud"; status=1; }
  return $status
}
built=()
for stage in bus gateway decoder geofence storage push; do
  case $("$bin_dir/tw-$stage" --help 2>/dev/null) in *--validate*) built+=("$stage") ;; esac
done
if [ ${#built[@]} -gt 0 ]; then
  step "env: tw-{${built[*]}} --validate accept the examples" validate_examples "${built[@]}"
else
  skip "env: --validate on the examples (no stage built in $bin_dir)"
fi

# --- tw-shard-exec, run for real with a stub in place of tw-geofence
shard_exec() {
  local dir=$work/shards exec=$deploy/tw-shard-exec i out
  mkdir -p "$dir"
  printf '#!/bin/sh\necho "$TW_SHARD $TW_STATE_DIR" >"$OUT"\nexec sleep 60\n' >"$dir/stage"
  chmod +x "$dir/stage"
  # Lock mode (compose --scale): three replicas, two shards: two run, one stands by.
  for i in 1 2 3; do
    OUT=$dir/out.$i TW_SHARD_FROM=lock TW_SHARD_COUNT=2 TW_STATE_ROOT=$dir/state TW_SHARD_RETRY=0.2 \
      "$exec" "$dir/stage" 2>"$dir/err.$i" &
    echo $! >"$dir/pid.$i"
  done
  wait_for() { for _ in $(seq 100); do eval "$1" && return 0; sleep 0.1; done; echo "timed out: $1"; return 1; }
  wait_for '[ "$(cat "$dir"/out.* 2>/dev/null | wc -l)" -eq 2 ]' || return 1
  out=$(cat "$dir"/out.* | sort)
  [ "$out" = "0/2 $dir/state/shard-0
1/2 $dir/state/shard-1" ] || { echo "lock mode gave: $out"; return 1; }
  # The standby takes over the shard of a replica that stops.
  for i in 1 2 3; do
    if grep -q '^0/2' "$dir/out.$i" 2>/dev/null; then kill "$(cat "$dir/pid.$i")"; rm "$dir/out.$i"; fi
  done
  wait_for '[ "$(cat "$dir"/out.* 2>/dev/null | wc -l)" -eq 2 ]' || return 1
  grep -q "^0/2 $dir/state/shard-0\$" "$dir"/out.* || { echo "no replica took over shard 0"; return 1; }
  for i in 1 2 3; do kill "$(cat "$dir/pid.$i")" 2>/dev/null; done
  # Ordinal mode (StatefulSet): geofence-2 of 3 is shard 2/3; geofence-3 of 3 is refused (exit 2).
  out=$(HOSTNAME=geofence-2 TW_SHARD_FROM=ordinal TW_SHARD_COUNT=3 TW_STATE_ROOT=$dir/s2 OUT=/dev/stdout \
        timeout 5 "$exec" sh -c 'echo "$TW_SHARD $TW_STATE_DIR"' 2>/dev/null)
  [ "$out" = "2/3 $dir/s2/shard-2" ] || { echo "ordinal mode gave: $out"; return 1; }
  HOSTNAME=geofence-3 TW_SHARD_FROM=ordinal TW_SHARD_COUNT=3 "$exec" true 2>/dev/null
  [ $? -eq 2 ] || { echo "ordinal 3 of 3 was not refused with exit 2"; return 1; }
}
[ $examples_only = yes ] || step "tw-shard-exec: distinct shards (lock and ordinal), standby takeover" shard_exec

echo "validate-deploy: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
