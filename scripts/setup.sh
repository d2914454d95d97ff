#!/usr/bin/env bash
# One entry point for people and CI (Debian 12). From the repository root:
#   bash scripts/setup.sh app    install dependencies, build, open the example in Flowstudio
#   bash scripts/setup.sh test   install dependencies, build from scratch with -Werror, run every test
# Other steps: deps | build | ctest. Environment: JOBS (default 2), BUILD_DIR (default build, or
# build-ci for `test`), TEST_TIMEOUT (whole test run, seconds; default 1500),
# FLOW_CI_STAGES (which `test` stages run, in order, from: normal asan tsan fuzz; default "asan tsan
# fuzz": the asan stage builds every target and runs every test, so a plain build would only repeat it;
# docs/reliability.md says what each costs), FUZZ_SECONDS (default 30).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jobs=${JOBS:-2}

packages=(
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev qt6-declarative-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libsqlite3-dev qt6-qpa-plugins
    libyaml-cpp-dev libyaml-dev libqscintilla2-qt6-dev libgraphviz-dev xvfb xauth imagemagick
    ninja-build cmake pkg-config g++ make libbenchmark-dev python3-jsonschema python3-yaml
    dpkg-dev file desktop-file-utils appstream shared-mime-info zsh
    slurm-wlm munge
    clang libclang-rt-14-dev clang-16 libclang-rt-16-dev
    qtkeychain-qt6-dev
)

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

install_deps() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "setup: all packages present"
        return
    fi
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" </dev/null
}

configure() { # build-dir extra-cmake-args...
    local dir=$1
    shift
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
}

run_app() {
    local dir=${BUILD_DIR:-build}
    configure "$dir"
    cmake --build "$dir" -j "$jobs" --target flowstudio flowrun
    local app
    app=$(find "$dir" -type f -name flowstudio -perm -u+x | head -n 1)
    [[ -n $app ]] || { echo "setup: flowstudio was not built" >&2; exit 1; }
    if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
        echo "setup: no display; try: xvfb-run -a $app resources/examples/shell-pipeline.yaml" >&2
        exit 1
    fi
    exec "$app" resources/examples/shell-pipeline.yaml
}

run_tests() {
    local dir=${BUILD_DIR:-build-ci}
    local start=$SECONDS
    rm -rf "$dir"
    configure "$dir" -DFLOW_WERROR=ON
    cmake --build "$dir" -j "$jobs"
    echo "setup: built in $((SECONDS - start)) s"
    timeout "${TEST_TIMEOUT:-1500}" ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600
    echo "setup: build and tests took $((SECONDS - start)) s"
}

# The sanitizer stages (docs/reliability.md). Runtime options: stop at the first error, leaks count,
# suppressions only from tests/sanitizers/.
sanitizer_env() {
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
    export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:ignore_noninstrumented_modules=1:history_size=7:suppressions=$root/tests/sanitizers/tsan.supp"
}

# ASan+UBSan: every target (benchmarks too, so they keep compiling), the whole suite under it.
run_asan() {
    local dir=${BUILD_DIR:-build-ci}-asan start=$SECONDS
    rm -rf "$dir"
    configure "$dir" -DFLOW_SANITIZE=address -DFLOW_WERROR=ON
    cmake --build "$dir" -j "$jobs"
    echo "setup: asan built in $((SECONDS - start)) s"
    sanitizer_env
    timeout "${TEST_TIMEOUT:-1500}" ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 900 \
        ${FLOW_ASAN_TESTS:+-R "$FLOW_ASAN_TESTS"}
}

# TSan: only the threaded cores (executor, runs, history store, remote) and their tests, built with
# clang 16: gcc 12's TSan runtime aborts while reporting, clang 14's on every QProcess start
# (docs/reliability.md, "TSan").
tsan_tests=(tst_scheduler tst_policies tst_events tst_runselection tst_shellrun tst_runs tst_historystore
    tst_historycli tst_historycache tst_subflow tst_protocol tst_remote_access tst_remote_replay tst_remote_runs tst_tsan_canary)
run_tsan() {
    local dir=${BUILD_DIR:-build-ci}-tsan start=$SECONDS
    rm -rf "$dir"
    CC=clang-16 CXX=clang++-16 configure "$dir" -DFLOW_SANITIZE=thread -DFLOW_BUILD_BENCH=OFF -DFLOW_WERROR=ON
    cmake --build "$dir" -j "$jobs" --target "${tsan_tests[@]}" flowrun
    echo "setup: tsan built in $((SECONDS - start)) s"
    sanitizer_env
    local regex
    regex="^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
    timeout "${TEST_TIMEOUT:-1500}" ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 900 -R "$regex"
}

# Every libFuzzer target for a short fixed time; any crash, leak or broken promise fails.
run_fuzz() {
    FLOW_FUZZ_BUILD="${BUILD_DIR:-build-ci}-fuzz" bash "$root/fuzz/run.sh" --all "${FUZZ_SECONDS:-30}"
}

run_stage() { # name function
    local start=$SECONDS cpu0 cpu1
    cpu0=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
    echo "setup: === stage $1 ==="
    "$2"
    cpu1=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
    echo "setup: === stage $1 took $((SECONDS - start)) s wall, $(((cpu1 - cpu0) / $(getconf CLK_TCK))) s CPU ==="
}

run_ci() {
    local start=$SECONDS stage
    for stage in ${FLOW_CI_STAGES:-asan tsan fuzz}; do
        case $stage in
        normal) run_stage normal run_tests ;;
        asan) run_stage asan run_asan ;;
        tsan) run_stage tsan run_tsan ;;
        fuzz) run_stage fuzz run_fuzz ;;
        *) echo "setup: unknown stage $stage" >&2; exit 2 ;;
        esac
    done
    echo "setup: all stages took $((SECONDS - start)) s"
}

case ${1:-} in
app) install_deps; run_app ;;
test) install_deps; run_ci ;;
deps) install_deps ;;
build) configure "${BUILD_DIR:-build}"; cmake --build "${BUILD_DIR:-build}" -j "$jobs" ;;
ctest) ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$jobs" --timeout 600 ;;
*)
    echo "usage: bash scripts/setup.sh app|test|deps|build|ctest" >&2
    exit 2
    ;;
esac
