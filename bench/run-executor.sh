#!/usr/bin/env bash
# Executor benchmarks (run by hand, not in CI):
#  (a) scheduling overhead per node: 10,000 no-op nodes as a chain and as a fan-out/fan-in
#      (bench_scheduler; target <= 10 us per node);
#  (b) `flowrun run --max-parallel 2` against GNU `make -j2` on the same graphs of shell.exec nodes
#      running `true`: 100 nodes as 10 layers x 10 (each node needs the whole previous layer) and
#      1,000 as a chain (target: flowrun / make <= 0.95);
#  (c) the whole `flowrun run` process on 10,000 no-op nodes (time.delay of 0 ms; as a chain and all
#      independent), in microseconds per node (target <= 15), and on a 1-node workflow from exec to
#      exit (target <= 30 ms).
# Every figure is a median of RUNS runs (default 5), with the load average beside it: the machine is
# shared, so compare figures measured side by side in one run of this script.
# The run history goes to a fresh file of this series (FLOWSTUDIO_HISTORY_DB), so that figures do not
# depend on how large the user's history has grown.
# Prints one JSON object. Usage: bench/run-executor.sh [BUILD_DIR] [RUNS]
#   FLOWRUN=/path/to/flowrun overrides the flowrun measured (e.g. an older build, for a before/after).
#   BEFORE=/path/to/old/flowrun also measures that build, alternating with FLOWRUN run by run, and
#   prints its figures beside (`before_*`): the side-by-side comparison docs/performance.md reports.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
runs=${2:-5}
flowrun=${FLOWRUN:-$build/app/cli/flowrun}
scheduler=$build/bench/executor/bench_scheduler
for exe in "$flowrun" "$scheduler"; do
    [[ -x $exe ]] || { echo "missing $exe: build the flowrun and bench_scheduler targets first" >&2; exit 2; }
done
before=${BEFORE:-}
[[ -z $before || -x $before ]] || { echo "BEFORE=$before is not an executable" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FLOWSTUDIO_HISTORY_DB=$work/history.db

# ---- graphs ----------------------------------------------------------------------------------
# $1 = name, $2 = "string" (command: "true", through /bin/sh -c) or "argv" (command: [true], exec'd
# directly like make does for a simple recipe)
layers_yaml() {
    local cmd='"true"'; [[ $2 == argv ]] && cmd='[true]'
    echo "flowstudio: 1"; echo "name: layers"; echo "nodes:"
    for l in $(seq 0 9); do for i in $(seq 0 9); do
        local after=""
        if (( l > 0 )); then after=", after: [$(seq -s, -f "l$((l - 1))n%g" 0 9 | sed 's/,/, /g')]"; fi
        echo "  l${l}n${i}: {type: shell.exec, config: {command: $cmd}$after}"
    done; done
}
chain_yaml() {
    local cmd='"true"'; [[ $2 == argv ]] && cmd='[true]'
    echo "flowstudio: 1"; echo "name: chain"; echo "nodes:"
    echo "  n0: {type: shell.exec, config: {command: $cmd}}"
    for i in $(seq 1 999); do echo "  n$i: {type: shell.exec, config: {command: $cmd}, after: [n$((i - 1))]}"; done
}
layers_make() {
    echo ".PHONY: all $(echo l{0..9}n{0..9})"
    echo "all: $(echo l9n{0..9})"
    for l in $(seq 0 9); do for i in $(seq 0 9); do
        if (( l > 0 )); then echo "l${l}n${i}: $(eval echo "l$((l - 1))n{0..9}")"; else echo "l${l}n${i}:"; fi
        printf '\t@true\n'
    done; done
}
chain_make() {
    echo ".PHONY: all $(seq -s ' ' -f 'n%g' 0 999)"
    echo "all: n999"
    echo "n0:"; printf '\t@true\n'
    for i in $(seq 1 999); do echo "n$i: n$((i - 1))"; printf '\t@true\n'; done
}

noop_yaml() { # $1 = chain | flat
    echo "flowstudio: 1"; echo "name: noop"; echo "nodes:"
    echo "  n0: {type: time.delay, config: {duration: 0ms}}"
    for i in $(seq 1 9999); do
        if [[ $1 == chain ]]; then echo "  n$i: {type: time.delay, config: {duration: 0ms}, after: [n$((i - 1))]}"
        else echo "  n$i: {type: time.delay, config: {duration: 0ms}}"; fi
    done
}
noop_yaml chain > "$work/noop-chain.yaml"
noop_yaml flat > "$work/noop-flat.yaml"
printf 'flowstudio: 1\nname: one\nnodes:\n  only: {type: shell.exec, config: {command: [true]}}\n' > "$work/one.yaml"

for g in layers chain; do
    "${g}_yaml" "$g" string > "$work/$g.yaml"
    "${g}_yaml" "$g" argv > "$work/$g-argv.yaml"
    "${g}_make" > "$work/$g.mk"
done

# ---- timing ------------------------------------------------------------------------------------
# flowrun and make alternate run by run, so that a change in machine load hits both alike; the
# medians are compared.
# Prints "WALL_MS CPU_MS" of one run; CPU is user + system time including the child processes
# (10 ms resolution), which machine load inflates far less than wall time.
ms_of() {
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -o "$work/time" -f '%U %S' "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    t1=$(date +%s%N)
    awk -v wall=$(( (t1 - t0) / 1000000 )) '{ printf "%d %d\n", wall, ($1 + $2) * 1000 }' "$work/time"
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

compare() { # name yaml makefile
    local frw=() frc=() mkw=() mkc=() bfw=() bfc=() w c
    "$flowrun" run --max-parallel 2 "$2" > /dev/null 2>&1 # warm the page cache
    [[ -n $before ]] && "$before" run --max-parallel 2 "$2" > /dev/null 2>&1
    for _ in $(seq 1 "$runs"); do
        read -r w c <<< "$(ms_of "$flowrun" run --max-parallel 2 "$2")"; frw+=("$w"); frc+=("$c")
        read -r w c <<< "$(ms_of make -s -j2 -f "$3")"; mkw+=("$w"); mkc+=("$c")
        if [[ -n $before ]]; then
            read -r w c <<< "$(ms_of "$before" run --max-parallel 2 "$2")"; bfw+=("$w"); bfc+=("$c")
        fi
    done
    local fw fc mw mc
    fw=$(median "${frw[@]}"); fc=$(median "${frc[@]}"); mw=$(median "${mkw[@]}"); mc=$(median "${mkc[@]}")
    printf '    {"case": "%s",\n     "flowrun_ms": %d, "make_ms": %d, "ratio": %s,\n' "$1" "$fw" "$mw" "$(ratio "$fw" "$mw")"
    printf '     "flowrun_cpu_ms": %d, "make_cpu_ms": %d, "cpu_ratio": %s,\n' "$fc" "$mc" "$(ratio "$fc" "$mc")"
    if [[ -n $before ]]; then
        local bw bc
        bw=$(median "${bfw[@]}"); bc=$(median "${bfc[@]}")
        printf '     "before_ms": %d, "before_ratio": %s, "before_cpu_ms": %d, "before_cpu_ratio": %s,\n' \
            "$bw" "$(ratio "$bw" "$mw")" "$bc" "$(ratio "$bc" "$mc")"
    fi
    printf '     "target_ratio": 0.95, "pass": %s,\n' "$(awk -v a="$fw" -v b="$mw" 'BEGIN { print (a / b <= 0.95) ? "true" : "false" }')"
    printf '     "flowrun_runs_ms": [%s], "make_runs_ms": [%s]}' "$(IFS=,; echo "${frw[*]}")" "$(IFS=,; echo "${mkw[*]}")"
}

# One flowrun process: median wall and CPU of RUNS runs, per node (µs) or whole (ms).
whole() { # name yaml nodes target unit [extra flowrun options]
    local w=() c=() bw=() bc=() a b
    local name=$1 yaml=$2 nodes=$3 target=$4 unit=$5
    shift 5
    "$flowrun" run "$@" "$yaml" > /dev/null 2>&1
    [[ -n $before ]] && "$before" run "$@" "$yaml" > /dev/null 2>&1
    for _ in $(seq 1 "$runs"); do
        read -r a b <<< "$(ms_of "$flowrun" run "$@" "$yaml")"; w+=("$a"); c+=("$b")
        if [[ -n $before ]]; then
            read -r a b <<< "$(ms_of "$before" run "$@" "$yaml")"; bw+=("$a"); bc+=("$b")
        fi
    done
    local mw mc beside=""
    mw=$(median "${w[@]}"); mc=$(median "${c[@]}")
    if [[ $unit == us_per_node ]]; then
        if [[ -n $before ]]; then
            beside=$(printf ', "before_us_per_node": %s, "before_cpu_us_per_node": %s' \
                "$(ratio "$(( $(median "${bw[@]}") * 1000 ))" "$nodes")" "$(ratio "$(( $(median "${bc[@]}") * 1000 ))" "$nodes")")
        fi
        printf '    {"case": "%s", "us_per_node": %s, "cpu_us_per_node": %s, "target_us_per_node": %s, "pass": %s%s, "runs_ms": [%s]}' \
            "$name" "$(ratio "$((mw * 1000))" "$nodes")" "$(ratio "$((mc * 1000))" "$nodes")" "$target" \
            "$(awk -v a="$mw" -v n="$nodes" -v t="$target" 'BEGIN { print (a * 1000 / n <= t) ? "true" : "false" }')" \
            "$beside" "$(IFS=,; echo "${w[*]}")"
    else
        if [[ -n $before ]]; then
            beside=$(printf ', "before_ms": %d, "before_cpu_ms": %d' "$(median "${bw[@]}")" "$(median "${bc[@]}")")
        fi
        printf '    {"case": "%s", "exec_to_exit_ms": %d, "cpu_ms": %d, "target_ms": %s, "pass": %s%s, "runs_ms": [%s]}' \
            "$name" "$mw" "$mc" "$target" "$( (( mw <= target )) && echo true || echo false)" "$beside" \
            "$(IFS=,; echo "${w[*]}")"
    fi
}

echo "scheduling overhead (bench_scheduler)..." >&2
scheduling=$("$scheduler" --runs "$runs")
echo "whole flowrun processes..." >&2
wholes=$(
    whole "10,000 no-op nodes, chain" "$work/noop-chain.yaml" 10000 15 us_per_node; echo ","
    whole "10,000 no-op nodes, independent" "$work/noop-flat.yaml" 10000 15 us_per_node; echo ","
    whole "1 shell.exec node, command: [true]" "$work/one.yaml" 1 30 ms; echo ","
    whole "10,000 no-op nodes, independent, --no-history (no target)" "$work/noop-flat.yaml" 10000 15 us_per_node --no-history; echo ","
    whole "1 shell.exec node, --no-history (no target)" "$work/one.yaml" 1 30 ms --no-history; echo
)
echo "flowrun vs make..." >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
{
    echo "{"
    echo "  \"flowrun\": \"$flowrun\", \"before\": \"$before\","
    echo "  \"scheduling\": $scheduling,"
    echo "  \"whole_process\": ["
    echo "$wholes"
    echo "  ],"
    echo "  \"flowrun_vs_make\": ["
    compare "100 shell.exec in 10 layers x 10, command: true (via /bin/sh -c)" "$work/layers.yaml" "$work/layers.mk"; echo ","
    compare "100 shell.exec in 10 layers x 10, command: [true] (argv, no shell)" "$work/layers-argv.yaml" "$work/layers.mk"; echo ","
    compare "1000 shell.exec chain, command: true (via /bin/sh -c)" "$work/chain.yaml" "$work/chain.mk"; echo ","
    compare "1000 shell.exec chain, command: [true] (argv, no shell)" "$work/chain-argv.yaml" "$work/chain.mk"; echo
    echo "  ],"
    echo "  \"runs\": $runs, \"make\": \"$(make --version | head -1)\", \"cores\": $(nproc),"
    echo "  \"load_average_before_make\": \"$load_before\", \"load_average_after\": \"$(cut -d' ' -f1-3 /proc/loadavg)\""
    echo "}"
}
