#!/usr/bin/env bash
# Builds a fuzzer with clang (libFuzzer + ASan + UBSan) and runs it on one core.
#   fuzz/run.sh [--target NAME] ...  NAME: workflow (default), expression, flowengine, protocol, progress
#   fuzz/run.sh --all SECONDS        each target for SECONDS in turn (CI); exits non-zero on any finding
#   fuzz/run.sh SECONDS        fuzz for SECONDS (default 60); corpus and crashes go to fuzz/out/
#   fuzz/run.sh --keep-going SECONDS   the same, but go on after a crash (libFuzzer fork mode, 1 job)
#   fuzz/run.sh --replay FILE  run one input (a crash or a regression) and show what happens
# FLOW_FUZZ_IGNORE=REGEX skips round-trip mismatches matching REGEX (a known, reported bug).
# Seeds: resources/examples, tests/data/{valid,invalid}, fuzz/regressions. Needs clang and
# libclang-rt-14-dev (apt). Build directory: build-fuzz (override with FLOW_FUZZ_BUILD).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FLOW_FUZZ_BUILD:-$root/build-fuzz}
sanitizers="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFLOW_FUZZ=ON -DFLOW_BUILD_TESTS=OFF -DFLOW_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS="$sanitizers" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
targets=(workflow expression flowengine protocol progress)
if [[ ${1:-} == --all ]]; then
    nice -n 10 ninja -C "$build" -j2 "${targets[@]/#/fuzz_}"
    mkdir -p "$root/fuzz/out"
    for t in "${targets[@]}"; do
        echo "fuzz: $t for ${2:-60} s"
        log=$root/fuzz/out/$t.log
        status=0
        FLOW_FUZZ_SKIP_BUILD=1 "$0" --target "$t" "${2:-60}" >"$log" 2>&1 || status=$?
        grep -E "^(SUMMARY|==[0-9]+==ERROR|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)" "$log" || true
        if [[ $status -ne 0 ]]; then
            tail -n 60 "$log" >&2
            echo "fuzz: $t FAILED (exit $status; input kept in fuzz/out/)" >&2
            exit 1
        fi
    done
    exit 0
fi
target=workflow
if [[ ${1:-} == --target ]]; then
    target=$2
    shift 2
fi
[[ -n ${FLOW_FUZZ_SKIP_BUILD:-} ]] || nice -n 10 ninja -C "$build" -j2 "fuzz_$target"
fuzzer=$build/fuzz/fuzz_$target
if [[ $target == workflow ]]; then
    out=$root/fuzz/out
    dict=$root/fuzz/yaml.dict
    seed_dirs=(resources/examples tests/data/valid tests/data/invalid fuzz/regressions)
else
    out=$root/fuzz/out/$target
    dict=$root/fuzz/$target.dict
    seed_dirs=(fuzz/corpus/$target fuzz/regressions/$target)
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [[ ${1:-} == --replay ]]; then
    shift
    exec "$fuzzer" -runs=1 "$@"
fi

extra=()
if [[ ${1:-} == --keep-going ]]; then
    shift
    extra=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
seconds=${1:-60}
mkdir -p "$out/corpus" "$out/artifacts"
seeds=()
for dir in "${seed_dirs[@]}"; do
    [[ -d $root/$dir ]] && seeds+=("$root/$dir")
done

# The first directory collects new interesting inputs; the others are read-only seeds.
exec nice -n 10 "$fuzzer" "$out/corpus" "${seeds[@]}" \
    -dict="$dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1 "${extra[@]}"
