#!/usr/bin/env bash
# Slurm backend benchmark (run by hand as root, not in CI), on the one-node cluster of
# scripts/slurm-local.sh (started here when it is not running, and stopped again afterwards):
#  (a) overhead per node: N shell.exec nodes running `true` one after another (max_parallel 1),
#      `flowrun run --backend slurm` against `--backend local`; per node = wall time / N;
#  (b) a 500-node fan-out on Slurm (max_parallel 64): how many Slurm commands flowrun issues,
#      counted by logging wrappers of sbatch, squeue, scancel, scontrol and sacct put first in PATH,
#      per kind and per minute of the run (the controller must not be flooded: squeue must stay at
#      one call per poll interval however many jobs are in flight).
# Prints one JSON object. Usage: bench/run-slurm.sh [BUILD_DIR] [N (a)] [NODES (b)]
# Environment: FLOW_SLURM_POLL (poll interval, default 2s as in a real run).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
serial=${2:-20}
wide=${3:-500}
flowrun=$build/app/cli/flowrun
[[ -x $flowrun ]] || { echo "missing $flowrun: build the flowrun target first" >&2; exit 2; }
cluster=$here/../scripts/slurm-local.sh
work=$(mktemp -d)
export FLOW_SLURM_JOBS_DIR=$work/jobs
started=0
cleanup() {
    if ((started)); then bash "$cluster" stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
if ! eval "$(bash "$cluster" status 2>/dev/null)"; then
    eval "$(bash "$cluster" start)"
    started=1
fi

now_ms() { date +%s%3N; }

serial_yaml() {
    echo "flowstudio: 1"; echo "name: serial"; echo "settings: {max_parallel: 1}"; echo "nodes:"
    for i in $(seq 1 "$serial"); do echo "  n$i: {type: shell.exec, config: {command: \"true\"}}"; done
}
wide_yaml() {
    echo "flowstudio: 1"; echo "name: wide"; echo "settings: {backend: slurm}"; echo "nodes:"
    for i in $(seq 1 "$wide"); do echo "  n$i: {type: shell.exec, config: {command: \"echo $i\"}}"; done
}
serial_yaml > "$work/serial.yaml"
wide_yaml > "$work/wide.yaml"

timed_run() { # backend file -> wall ms
    local t0 t1
    t0=$(now_ms)
    "$flowrun" run --backend "$1" "$2" >/dev/null
    t1=$(now_ms)
    echo $((t1 - t0))
}

local_ms=$(timed_run local "$work/serial.yaml")
slurm_ms=$(timed_run slurm "$work/serial.yaml")

# (b) wrappers that log each Slurm command, then exec the real one
mkdir -p "$work/bin"
for c in sbatch squeue scancel scontrol sacct; do
    real=$(command -v "$c")
    printf '#!/bin/sh\necho %s >> %s/commands.log\nexec %s "$@"\n' "$c" "$work" "$real" > "$work/bin/$c"
    chmod +x "$work/bin/$c"
done
: > "$work/commands.log"
t0=$(now_ms)
PATH=$work/bin:$PATH "$flowrun" run "$work/wide.yaml" >/dev/null
t1=$(now_ms)
wide_ms=$((t1 - t0))
count() { grep -c "^$1\$" "$work/commands.log" || true; }
total=$(wc -l < "$work/commands.log")
per_minute() { awk -v n="$1" -v ms="$wide_ms" 'BEGIN { printf "%.1f", n * 60000 / ms }'; }

cat <<EOF
{
  "serial_nodes": $serial,
  "local_ms_per_node": $(awk -v t="$local_ms" -v n="$serial" 'BEGIN { printf "%.1f", t / n }'),
  "slurm_ms_per_node": $(awk -v t="$slurm_ms" -v n="$serial" 'BEGIN { printf "%.1f", t / n }'),
  "slurm_overhead_ms_per_node": $(awk -v a="$slurm_ms" -v b="$local_ms" -v n="$serial" 'BEGIN { printf "%.1f", (a - b) / n }'),
  "wide_nodes": $wide,
  "wide_run_ms": $wide_ms,
  "poll_interval": "${FLOW_SLURM_POLL:-2s}",
  "commands": {"sbatch": $(count sbatch), "squeue": $(count squeue), "scancel": $(count scancel), "scontrol": $(count scontrol), "sacct": $(count sacct), "total": $total},
  "commands_per_minute": {"sbatch": $(per_minute "$(count sbatch)"), "squeue": $(per_minute "$(count squeue)"), "total": $(per_minute "$total")}
}
EOF
